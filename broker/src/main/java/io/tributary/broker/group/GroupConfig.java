package io.tributary.broker.group;

/**
 * Settings of the group coordinator. The constants here are the single definition of their defaults, and the
 * server's configuration table uses them. The names in the parameter list are the broker
 * configuration keys, which are those of Apache Kafka. Immutable; the constructor rejects values out of range.
 *
 * @param minSessionTimeoutMs       {@code group.min.session.timeout.ms}: the smallest session timeout a
 *                                  member may request (Kafka default 6000)
 * @param maxSessionTimeoutMs       {@code group.max.session.timeout.ms}: the largest session timeout a
 *                                  member may request (Kafka default 1800000)
 * @param initialRebalanceDelayMs   {@code group.initial.rebalance.delay.ms}: how long the first rebalance of
 *                                  an empty group waits for more members, extended by this amount each time
 *                                  a member joins, up to the rebalance timeout (Tributary default 0, so a
 *                                  lone consumer starts at once; Kafka's is 3000)
 * @param maxGroupSize              {@code group.max.size}: the maximum number of members of one group,
 *                                  members waiting for their member id included
 * @param offsetMetadataMaxBytes    {@code offset.metadata.max.bytes}: the longest metadata string accepted
 *                                  with a committed offset, counted in UTF-16 chars as Kafka does (default 4096)
 * @param offsetsTopicNumPartitions {@code offsets.topic.num.partitions}: the number of partitions of
 *                                  {@code __consumer_offsets}; fixed once offsets were written, because it
 *                                  decides which partition stores a group's commits (Tributary default 8,
 *                                  Kafka's is 50)
 * @param offsetsRetentionMs        {@code offsets.retention.minutes} in milliseconds: how long the offsets of a
 *                                  group without members are kept after the group became empty and after
 *                                  their commit (Kafka default 7 days)
 * @param offsetsRetentionCheckIntervalMs {@code offsets.retention.check.interval.ms}: the period of the
 *                                  expiration check (Kafka default 600000)
 */
public record GroupConfig(
        int minSessionTimeoutMs,
        int maxSessionTimeoutMs,
        int initialRebalanceDelayMs,
        int maxGroupSize,
        int offsetMetadataMaxBytes,
        int offsetsTopicNumPartitions,
        long offsetsRetentionMs,
        long offsetsRetentionCheckIntervalMs) {

    public static final int DEFAULT_MIN_SESSION_TIMEOUT_MS = 6_000;
    public static final int DEFAULT_MAX_SESSION_TIMEOUT_MS = 1_800_000;
    public static final int DEFAULT_INITIAL_REBALANCE_DELAY_MS = 0;
    public static final int DEFAULT_MAX_GROUP_SIZE = Integer.MAX_VALUE;
    public static final int DEFAULT_OFFSET_METADATA_MAX_BYTES = 4_096;
    public static final int DEFAULT_OFFSETS_TOPIC_NUM_PARTITIONS = 8;
    public static final long DEFAULT_OFFSETS_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;
    public static final long DEFAULT_OFFSETS_RETENTION_CHECK_INTERVAL_MS = 600_000;

    /**
     * Validates the settings.
     *
     * @throws IllegalArgumentException naming the key and the value that is out of range
     */
    public GroupConfig {
        requireAtLeast("group.min.session.timeout.ms", minSessionTimeoutMs, 0);
        requireAtLeast("group.max.session.timeout.ms", maxSessionTimeoutMs, minSessionTimeoutMs);
        requireAtLeast("group.initial.rebalance.delay.ms", initialRebalanceDelayMs, 0);
        requireAtLeast("group.max.size", maxGroupSize, 1);
        requireAtLeast("offset.metadata.max.bytes", offsetMetadataMaxBytes, 0);
        requireAtLeast("offsets.topic.num.partitions", offsetsTopicNumPartitions, 1);
        requireAtLeast("offsets.retention.minutes (in ms)", offsetsRetentionMs, 1);
        requireAtLeast("offsets.retention.check.interval.ms", offsetsRetentionCheckIntervalMs, 1);
    }

    /** Creates settings with Kafka's default offset retention of 7 days, checked every 10 minutes. */
    public GroupConfig(int minSessionTimeoutMs, int maxSessionTimeoutMs, int initialRebalanceDelayMs, int maxGroupSize,
                       int offsetMetadataMaxBytes, int offsetsTopicNumPartitions) {
        this(minSessionTimeoutMs, maxSessionTimeoutMs, initialRebalanceDelayMs, maxGroupSize, offsetMetadataMaxBytes,
                offsetsTopicNumPartitions, DEFAULT_OFFSETS_RETENTION_MS, DEFAULT_OFFSETS_RETENTION_CHECK_INTERVAL_MS);
    }

    /**
     * Returns Tributary's defaults, which are Kafka 4.4's except for the initial rebalance delay and the number
     * of offsets partitions (see the parameter list).
     */
    public static GroupConfig defaults() {
        return new GroupConfig(DEFAULT_MIN_SESSION_TIMEOUT_MS, DEFAULT_MAX_SESSION_TIMEOUT_MS,
                DEFAULT_INITIAL_REBALANCE_DELAY_MS, DEFAULT_MAX_GROUP_SIZE, DEFAULT_OFFSET_METADATA_MAX_BYTES,
                DEFAULT_OFFSETS_TOPIC_NUM_PARTITIONS, DEFAULT_OFFSETS_RETENTION_MS,
                DEFAULT_OFFSETS_RETENTION_CHECK_INTERVAL_MS);
    }

    public GroupConfig withInitialRebalanceDelayMs(int value) {
        return new GroupConfig(minSessionTimeoutMs, maxSessionTimeoutMs, value, maxGroupSize,
                offsetMetadataMaxBytes, offsetsTopicNumPartitions, offsetsRetentionMs, offsetsRetentionCheckIntervalMs);
    }

    public GroupConfig withSessionTimeoutBounds(int minMs, int maxMs) {
        return new GroupConfig(minMs, maxMs, initialRebalanceDelayMs, maxGroupSize, offsetMetadataMaxBytes,
                offsetsTopicNumPartitions, offsetsRetentionMs, offsetsRetentionCheckIntervalMs);
    }

    public GroupConfig withMaxGroupSize(int value) {
        return new GroupConfig(minSessionTimeoutMs, maxSessionTimeoutMs, initialRebalanceDelayMs, value,
                offsetMetadataMaxBytes, offsetsTopicNumPartitions, offsetsRetentionMs, offsetsRetentionCheckIntervalMs);
    }

    public GroupConfig withOffsetsTopicNumPartitions(int value) {
        return new GroupConfig(minSessionTimeoutMs, maxSessionTimeoutMs, initialRebalanceDelayMs, maxGroupSize,
                offsetMetadataMaxBytes, value, offsetsRetentionMs, offsetsRetentionCheckIntervalMs);
    }

    public GroupConfig withOffsetsRetention(long retentionMs, long checkIntervalMs) {
        return new GroupConfig(minSessionTimeoutMs, maxSessionTimeoutMs, initialRebalanceDelayMs, maxGroupSize,
                offsetMetadataMaxBytes, offsetsTopicNumPartitions, retentionMs, checkIntervalMs);
    }

    /** Returns the {@code __consumer_offsets} partition that stores the commits of {@code groupId}. */
    public int offsetsPartitionFor(String groupId) {
        return (groupId.hashCode() & 0x7fffffff) % offsetsTopicNumPartitions;
    }

    private static void requireAtLeast(String key, long value, long minimum) {
        if (value < minimum) {
            throw new IllegalArgumentException("Invalid " + key + "=" + value + ": must be at least " + minimum);
        }
    }
}
