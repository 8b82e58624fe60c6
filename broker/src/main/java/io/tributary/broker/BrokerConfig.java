package io.tributary.broker;

import io.tributary.broker.config.TopicConfigs;
import io.tributary.broker.group.GroupConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * The broker-level settings the broker module uses, already parsed by the server's configuration table.
 * Immutable; the constructor rejects invalid values and names the offending key.
 *
 * @param nodeId                   {@code node.id}: this broker's id, at least 0
 * @param advertisedHost           host that clients connect to, as returned in Metadata and FindCoordinator
 * @param advertisedPort           port that clients connect to, 1 to 65535
 * @param clusterId                cluster id returned in Metadata and DescribeCluster
 * @param dataDir                  {@code log.dirs}: directory holding partition logs and the metadata log
 * @param numPartitions            {@code num.partitions}: partition count of auto-created topics and of
 *                                 CreateTopics with -1 partitions
 * @param defaultReplicationFactor {@code default.replication.factor}: must be 1 on a single node
 * @param autoCreateTopicsEnable   {@code auto.create.topics.enable}: whether Metadata may create unknown topics
 * @param logDefaults              broker-level defaults of topic settings that the operator set explicitly,
 *                                 by their broker-level key ({@code log.segment.bytes}, {@code message.max.bytes},
 *                                 ...); a key that is absent takes Tributary's built-in default. See
 *                                 {@link TopicConfigs#DEFINITIONS} for the keys
 * @param group                    settings of the group coordinator
 * @param fetchSessionCacheSlots   {@code max.incremental.fetch.session.cache.slots}: maximum number of
 *                                 incremental fetch sessions kept at once
 */
public record BrokerConfig(int nodeId, String advertisedHost, int advertisedPort, String clusterId, Path dataDir,
                           int numPartitions, short defaultReplicationFactor, boolean autoCreateTopicsEnable,
                           Map<String, String> logDefaults, GroupConfig group, int fetchSessionCacheSlots) {

    public static final int DEFAULT_NUM_PARTITIONS = 1;
    public static final short DEFAULT_REPLICATION_FACTOR = 1;
    public static final int DEFAULT_FETCH_SESSION_CACHE_SLOTS = 1000;

    public BrokerConfig {
        requireAtLeast("node.id", nodeId, 0);
        Objects.requireNonNull(advertisedHost, "advertised host");
        if (advertisedPort < 1 || advertisedPort > 65535) {
            throw new IllegalArgumentException("Invalid advertised port " + advertisedPort + ": expected 1 to 65535");
        }
        if (clusterId == null || clusterId.isEmpty()) {
            throw new IllegalArgumentException("Missing cluster id");
        }
        Objects.requireNonNull(dataDir, "data directory");
        requireAtLeast("num.partitions", numPartitions, 1);
        if (defaultReplicationFactor != 1) {
            throw new IllegalArgumentException("Invalid value " + defaultReplicationFactor
                    + " for default.replication.factor: a single-node broker supports only 1");
        }
        logDefaults = Map.copyOf(logDefaults);
        TopicConfigs.validateBrokerDefaults(logDefaults);
        Objects.requireNonNull(group, "group settings");
        requireAtLeast("max.incremental.fetch.session.cache.slots", fetchSessionCacheSlots, 0);
    }

    /** Returns a configuration with every default except the values that identify the node and its storage. */
    public static BrokerConfig defaults(int nodeId, String advertisedHost, int advertisedPort, String clusterId,
                                        Path dataDir) {
        return new BrokerConfig(nodeId, advertisedHost, advertisedPort, clusterId, dataDir, DEFAULT_NUM_PARTITIONS,
                DEFAULT_REPLICATION_FACTOR, true, Map.of(), GroupConfig.defaults(),
                DEFAULT_FETCH_SESSION_CACHE_SLOTS);
    }

    public BrokerConfig withNumPartitions(int value) {
        return new BrokerConfig(nodeId, advertisedHost, advertisedPort, clusterId, dataDir, value,
                defaultReplicationFactor, autoCreateTopicsEnable, logDefaults, group, fetchSessionCacheSlots);
    }

    public BrokerConfig withAutoCreateTopicsEnable(boolean value) {
        return new BrokerConfig(nodeId, advertisedHost, advertisedPort, clusterId, dataDir, numPartitions,
                defaultReplicationFactor, value, logDefaults, group, fetchSessionCacheSlots);
    }

    public BrokerConfig withLogDefaults(Map<String, String> value) {
        return new BrokerConfig(nodeId, advertisedHost, advertisedPort, clusterId, dataDir, numPartitions,
                defaultReplicationFactor, autoCreateTopicsEnable, value, group, fetchSessionCacheSlots);
    }

    public BrokerConfig withFetchSessionCacheSlots(int value) {
        return new BrokerConfig(nodeId, advertisedHost, advertisedPort, clusterId, dataDir, numPartitions,
                defaultReplicationFactor, autoCreateTopicsEnable, logDefaults, group, value);
    }

    private static void requireAtLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException("Invalid value " + value + " for " + key + ": minimum is " + min);
        }
    }
}
