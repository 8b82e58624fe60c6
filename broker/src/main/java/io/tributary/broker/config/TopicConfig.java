package io.tributary.broker.config;

import java.util.Map;

/**
 * The effective settings of one topic, resolved by {@link TopicConfigs#resolve}.
 *
 * @param values    every implemented topic-level key with its effective value, in canonical form
 * @param overrides the keys set on the topic itself
 */
public record TopicConfig(Map<String, String> values, Map<String, String> overrides) {

    public TopicConfig {
        values = Map.copyOf(values);
        overrides = Map.copyOf(overrides);
    }

    /** Returns the effective value of a topic-level key. */
    public String value(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("Unknown topic config name: " + key);
        }
        return value;
    }

    /** Returns where the value of {@code key} comes from, given the broker-level values in {@code configs}. */
    public ConfigSource source(ConfigKey key, TopicConfigs configs) {
        return overrides.containsKey(key.name()) ? ConfigSource.DYNAMIC_TOPIC : configs.brokerSource(key);
    }

    public int maxMessageBytes() {
        return Integer.parseInt(value(TopicConfigs.MAX_MESSAGE_BYTES));
    }

    public int minInsyncReplicas() {
        return Integer.parseInt(value(TopicConfigs.MIN_INSYNC_REPLICAS));
    }

    public boolean logAppendTime() {
        return "LogAppendTime".equals(value(TopicConfigs.MESSAGE_TIMESTAMP_TYPE));
    }

    public long timestampBeforeMaxMs() {
        return Long.parseLong(value(TopicConfigs.MESSAGE_TIMESTAMP_BEFORE_MAX_MS));
    }

    public long timestampAfterMaxMs() {
        return Long.parseLong(value(TopicConfigs.MESSAGE_TIMESTAMP_AFTER_MAX_MS));
    }

    public long retentionMs() {
        return Long.parseLong(value(TopicConfigs.RETENTION_MS));
    }

    public long retentionBytes() {
        return Long.parseLong(value(TopicConfigs.RETENTION_BYTES));
    }
}
