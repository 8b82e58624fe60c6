package io.tributary.broker.topic;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.config.ConfigKey;
import io.tributary.broker.config.ConfigSource;
import io.tributary.broker.config.ConfigType;
import io.tributary.broker.config.TopicConfigs;
import io.tributary.broker.group.GroupConfig;
import java.util.ArrayList;
import java.util.List;

/** The broker-level settings that DescribeConfigs reports for this node, with their values and sources. */
final class BrokerSettings {

    /** One broker-level setting. */
    record Setting(String name, String value, String defaultValue, ConfigSource source, ConfigType type,
                   String documentation) {
    }

    private final List<Setting> settings;

    BrokerSettings(BrokerConfig config, TopicConfigs topicConfigs) {
        GroupConfig groupDefaults = GroupConfig.defaults();
        GroupConfig group = config.group();
        List<Setting> list = new ArrayList<>();
        list.add(fixed("node.id", config.nodeId(), ConfigType.INT, "Id of this node."));
        list.add(fixed("log.dirs", config.dataDir(), ConfigType.STRING, "Directory of the partition logs and metadata."));
        list.add(compared("num.partitions", config.numPartitions(), BrokerConfig.DEFAULT_NUM_PARTITIONS, ConfigType.INT,
                "Partition count of auto-created topics and of CreateTopics with -1 partitions."));
        list.add(compared("default.replication.factor", config.defaultReplicationFactor(),
                BrokerConfig.DEFAULT_REPLICATION_FACTOR, ConfigType.SHORT, "Replication factor of new topics."));
        list.add(compared("auto.create.topics.enable", config.autoCreateTopicsEnable(), true, ConfigType.BOOLEAN,
                "Whether Metadata requests create unknown topics."));
        list.add(compared("max.incremental.fetch.session.cache.slots", config.fetchSessionCacheSlots(),
                BrokerConfig.DEFAULT_FETCH_SESSION_CACHE_SLOTS, ConfigType.INT, "Maximum incremental fetch sessions."));
        list.add(compared("group.initial.rebalance.delay.ms", group.initialRebalanceDelayMs(),
                groupDefaults.initialRebalanceDelayMs(), ConfigType.INT, "Delay of the first rebalance of a group."));
        list.add(compared("group.min.session.timeout.ms", group.minSessionTimeoutMs(),
                groupDefaults.minSessionTimeoutMs(), ConfigType.INT, "Minimum session timeout of a group member."));
        list.add(compared("group.max.session.timeout.ms", group.maxSessionTimeoutMs(),
                groupDefaults.maxSessionTimeoutMs(), ConfigType.INT, "Maximum session timeout of a group member."));
        list.add(compared("group.max.size", group.maxGroupSize(), groupDefaults.maxGroupSize(), ConfigType.INT,
                "Maximum members of one group."));
        list.add(compared("offsets.retention.minutes", group.offsetsRetentionMs() / 60_000,
                groupDefaults.offsetsRetentionMs() / 60_000, ConfigType.INT,
                "Minutes committed offsets of an empty group are kept."));
        for (ConfigKey key : TopicConfigs.DEFINITIONS) {
            list.add(new Setting(key.brokerKey(), topicConfigs.brokerValue(key), key.defaultValue(),
                    topicConfigs.brokerSource(key), key.type(), key.documentation()));
        }
        list.sort((a, b) -> a.name().compareTo(b.name()));
        this.settings = List.copyOf(list);
    }

    List<Setting> settings() {
        return settings;
    }

    private static Setting fixed(String name, Object value, ConfigType type, String documentation) {
        return new Setting(name, String.valueOf(value), null, ConfigSource.STATIC_BROKER, type, documentation);
    }

    // NOTE: BrokerConfig does not record which keys the operator set, so a value equal to the default is
    // reported with source DEFAULT even when it was set explicitly.
    private static Setting compared(String name, Object value, Object defaultValue, ConfigType type,
                                    String documentation) {
        ConfigSource source = String.valueOf(value).equals(String.valueOf(defaultValue)) ? ConfigSource.DEFAULT
                : ConfigSource.STATIC_BROKER;
        return new Setting(name, String.valueOf(value), String.valueOf(defaultValue), source, type, documentation);
    }
}
