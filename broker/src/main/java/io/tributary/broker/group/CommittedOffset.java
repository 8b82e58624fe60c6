package io.tributary.broker.group;

/**
 * An offset committed by a group for one partition.
 *
 * @param offset            the committed offset: the next offset the group will consume
 * @param leaderEpoch       the leader epoch of the last consumed record, or -1 if unknown
 * @param metadata          the client's metadata string, or null
 * @param commitTimestampMs the broker time of the commit, in milliseconds since the epoch
 */
public record CommittedOffset(long offset, int leaderEpoch, String metadata, long commitTimestampMs) {
}
