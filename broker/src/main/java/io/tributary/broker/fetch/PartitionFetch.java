package io.tributary.broker.fetch;

/**
 * What to read from one partition in a fetch: the client's position and limits, taken from the request
 * or, for partitions an incremental request leaves out, from the fetch session.
 *
 * @param key                the partition
 * @param fetchOffset        first offset the client wants
 * @param partitionMaxBytes  maximum bytes for this partition (the first batch may exceed it)
 * @param currentLeaderEpoch the leader epoch the client last saw in metadata, or -1 to skip the check
 */
public record PartitionFetch(PartitionKey key, long fetchOffset, int partitionMaxBytes, int currentLeaderEpoch) {
}
