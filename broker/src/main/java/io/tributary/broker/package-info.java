/**
 * The broker: the request dispatcher ({@link io.tributary.broker.Broker}), its configuration
 * ({@link io.tributary.broker.BrokerConfig}) and the partition logs of the topics in the metadata.
 *
 * <p>Depends on the protocol module's request and response records and on storage; it imports
 * nothing from Kafka and nothing from the network layer.
 */
package io.tributary.broker;
