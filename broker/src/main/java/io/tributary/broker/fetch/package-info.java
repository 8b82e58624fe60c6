/**
 * Fetch with long polling and incremental fetch sessions, ListOffsets and OffsetForLeaderEpoch.
 */
package io.tributary.broker.fetch;
