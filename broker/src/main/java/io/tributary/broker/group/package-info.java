/**
 * The group coordinator of the classic consumer group protocol: membership and rebalances
 * (JoinGroup, SyncGroup, Heartbeat, LeaveGroup), FindCoordinator, and committed offsets
 * (OffsetCommit, OffsetFetch) stored durably in the internal topic {@code __consumer_offsets}.
 *
 * <p>Depends on the protocol module's request and response records and on storage; it imports
 * nothing from Kafka and nothing from the network layer.
 */
package io.tributary.broker.group;
