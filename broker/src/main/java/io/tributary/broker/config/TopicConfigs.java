package io.tributary.broker.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The topic-level settings Tributary implements, and their resolution: a topic's override wins over the
 * broker-level value, which wins over Tributary's default.
 *
 * <p>Immutable and thread-safe.
 */
public final class TopicConfigs {

    public static final String MAX_MESSAGE_BYTES = "max.message.bytes";
    public static final String SEGMENT_BYTES = "segment.bytes";
    public static final String SEGMENT_MS = "segment.ms";
    public static final String FLUSH_MESSAGES = "flush.messages";
    public static final String FLUSH_MS = "flush.ms";
    public static final String MESSAGE_TIMESTAMP_TYPE = "message.timestamp.type";
    public static final String MESSAGE_TIMESTAMP_BEFORE_MAX_MS = "message.timestamp.before.max.ms";
    public static final String MESSAGE_TIMESTAMP_AFTER_MAX_MS = "message.timestamp.after.max.ms";
    public static final String SEGMENT_INDEX_BYTES = "segment.index.bytes";
    public static final String INDEX_INTERVAL_BYTES = "index.interval.bytes";
    public static final String CLEANUP_POLICY = "cleanup.policy";
    public static final String RETENTION_MS = "retention.ms";
    public static final String RETENTION_BYTES = "retention.bytes";
    public static final String MIN_INSYNC_REPLICAS = "min.insync.replicas";
    public static final String UNCLEAN_LEADER_ELECTION_ENABLE = "unclean.leader.election.enable";

    /**
     * The smallest valid {@code segment.bytes}, 1 MiB as in Kafka 4.0 and later. Storage accepts smaller segments,
     * which its own tests use, but clients and operators cannot set them.
     */
    public static final int MIN_SEGMENT_BYTES = 1_048_576;

    /** Every implemented topic-level setting, in the order DescribeConfigs reports them. */
    public static final List<ConfigKey> DEFINITIONS = List.of(
            ConfigKey.choice(CLEANUP_POLICY, "log.cleanup.policy", ConfigType.LIST, "delete", List.of("delete"),
                    "Retention policy of old segments. Only delete is implemented; compact is rejected."),
            ConfigKey.number(FLUSH_MESSAGES, "log.flush.interval.messages", ConfigType.LONG, 1L, 1, Long.MAX_VALUE,
                    "Number of messages appended between two forces of the log to disk. With 1 (Tributary's "
                            + "default, unlike Kafka) no batch becomes visible or acknowledged before it is durable."),
            ConfigKey.number(FLUSH_MS, "log.flush.interval.ms", ConfigType.LONG, Long.MAX_VALUE, 0, Long.MAX_VALUE,
                    "Maximum time in ms between two forces of the log to disk."),
            ConfigKey.number(INDEX_INTERVAL_BYTES, "log.index.interval.bytes", ConfigType.INT, 4096, 0,
                    Integer.MAX_VALUE, "Bytes of record batches appended between two offset index entries."),
            ConfigKey.number(MAX_MESSAGE_BYTES, "message.max.bytes", ConfigType.INT, 1_048_588, 0, Integer.MAX_VALUE,
                    "Largest record batch size in bytes that a produce request may append."),
            ConfigKey.choice(MESSAGE_TIMESTAMP_TYPE, "log.message.timestamp.type", ConfigType.STRING, "CreateTime",
                    List.of("CreateTime", "LogAppendTime"),
                    "Whether stored timestamps are the producer's (CreateTime) or the broker's append time "
                            + "(LogAppendTime)."),
            ConfigKey.number(MESSAGE_TIMESTAMP_AFTER_MAX_MS, "log.message.timestamp.after.max.ms", ConfigType.LONG,
                    3_600_000L, 0, Long.MAX_VALUE,
                    "Maximum ms a CreateTime timestamp may lie after the broker's clock."),
            ConfigKey.number(MESSAGE_TIMESTAMP_BEFORE_MAX_MS, "log.message.timestamp.before.max.ms",
                    ConfigType.LONG, Long.MAX_VALUE, 0, Long.MAX_VALUE,
                    "Maximum ms a CreateTime timestamp may lie before the broker's clock."),
            ConfigKey.number(MIN_INSYNC_REPLICAS, "min.insync.replicas", ConfigType.INT, 1, 1, Integer.MAX_VALUE,
                    "Smallest number of in-sync replicas an acks=all produce needs. A Tributary partition has "
                            + "one replica, so a value above 1 fails such produce requests with NOT_ENOUGH_REPLICAS."),
            // TODO: retention is stored and reported but not enforced yet because storage has no deletion of
            // old segments.
            ConfigKey.number(RETENTION_BYTES, "log.retention.bytes", ConfigType.LONG, -1L, -1, Long.MAX_VALUE,
                    "Maximum bytes of a partition before old segments are deleted; -1 for no limit. Not enforced yet."),
            ConfigKey.number(RETENTION_MS, "log.retention.ms", ConfigType.LONG, 604_800_000L, -1, Long.MAX_VALUE,
                    "Maximum age in ms of a segment before it is deleted; -1 for no limit. Not enforced yet."),
            ConfigKey.number(SEGMENT_BYTES, "log.segment.bytes", ConfigType.INT, 1_073_741_824,
                    MIN_SEGMENT_BYTES, Integer.MAX_VALUE, "Maximum size in bytes of one segment file."),
            ConfigKey.number(SEGMENT_INDEX_BYTES, "log.index.size.max.bytes", ConfigType.INT, 10_485_760, 12,
                    Integer.MAX_VALUE, "Maximum size in bytes of a segment's offset or time index."),
            ConfigKey.number(SEGMENT_MS, "log.roll.ms", ConfigType.LONG, 604_800_000L, 1, Long.MAX_VALUE,
                    "Maximum age in ms of the active segment before a new one is rolled."),
            ConfigKey.choice(UNCLEAN_LEADER_ELECTION_ENABLE, "unclean.leader.election.enable", ConfigType.BOOLEAN,
                    "false", List.of("true", "false"),
                    "Whether an out-of-sync replica may become leader. Stored and reported; a single-replica "
                            + "partition has no other replica to elect."));

    private static final Map<String, ConfigKey> BY_NAME = indexBy(false);
    private static final Map<String, ConfigKey> BY_BROKER_KEY = indexBy(true);

    private final Map<String, String> brokerDefaults;

    /**
     * @param brokerDefaults broker-level values the operator set explicitly, by broker-level key
     * @throws IllegalArgumentException naming the key and value of an invalid broker-level value
     */
    public TopicConfigs(Map<String, String> brokerDefaults) {
        validateBrokerDefaults(brokerDefaults);
        this.brokerDefaults = Map.copyOf(brokerDefaults);
    }

    /**
     * Validates broker-level defaults of topic settings. Keys that are not broker-level keys of an
     * implemented topic setting are rejected so a typo in the server configuration is not ignored.
     *
     * @throws IllegalArgumentException naming the key and value
     */
    public static void validateBrokerDefaults(Map<String, String> brokerDefaults) {
        for (Map.Entry<String, String> entry : brokerDefaults.entrySet()) {
            ConfigKey key = BY_BROKER_KEY.get(entry.getKey());
            if (key == null) {
                throw new IllegalArgumentException("Unknown broker-level topic default " + entry.getKey()
                        + ": expected one of " + BY_BROKER_KEY.keySet());
            }
            try {
                key.validate(entry.getValue());
            } catch (InvalidConfigException e) {
                throw new IllegalArgumentException(e.getMessage().replace(key.name(), key.brokerKey()), e);
            }
        }
    }

    /** Returns the definition of a topic-level key, or empty if Tributary does not implement it. */
    public static Optional<ConfigKey> definition(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** Returns the definition whose broker-level key is {@code brokerKey}, or empty. */
    public static Optional<ConfigKey> definitionByBrokerKey(String brokerKey) {
        return Optional.ofNullable(BY_BROKER_KEY.get(brokerKey));
    }

    /**
     * Validates a topic's overrides and returns them in canonical form. A null value means "use the
     * default" and is dropped.
     *
     * @throws InvalidConfigException for an unknown key, a value of the wrong type or outside its range
     */
    public Map<String, String> validateOverrides(Map<String, String> overrides) throws InvalidConfigException {
        Map<String, String> canonical = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : overrides.entrySet()) {
            ConfigKey key = BY_NAME.get(entry.getKey());
            if (key == null) {
                throw new InvalidConfigException("Unknown topic config name: " + entry.getKey());
            }
            if (entry.getValue() != null) {
                canonical.put(key.name(), key.validate(entry.getValue()));
            }
        }
        return canonical;
    }

    /**
     * Applies IncrementalAlterConfigs changes to a topic's overrides and returns the new overrides, validated and
     * in canonical form. APPEND and SUBTRACT start from the effective value, so appending to a setting without
     * an override extends the broker-level value, as in Kafka. Deleting a key that is not implemented is a no-op,
     * as in Kafka.
     *
     * @param overrides the topic's current overrides, in canonical form
     * @throws InvalidConfigException for an unknown key, APPEND or SUBTRACT on a setting that is not a list, or
     *                                a resulting value of the wrong type or outside its range
     */
    public Map<String, String> applyChanges(Map<String, String> overrides, List<ConfigChange> changes)
            throws InvalidConfigException {
        Map<String, String> result = new LinkedHashMap<>(overrides);
        for (ConfigChange change : changes) {
            ConfigKey key = BY_NAME.get(change.name());
            if (key == null) {
                if (change.operation() == ConfigChange.Operation.DELETE) {
                    continue;
                }
                throw new InvalidConfigException("Unknown topic config name: " + change.name());
            }
            switch (change.operation()) {
                case SET -> result.put(key.name(), key.validate(change.value()));
                case DELETE -> result.remove(key.name());
                case APPEND, SUBTRACT -> {
                    String current = result.getOrDefault(key.name(), brokerValue(key));
                    result.put(key.name(), key.validate(changeList(key, current, change)));
                }
                default -> throw new IllegalStateException("Unhandled operation " + change.operation());
            }
        }
        return result;
    }

    private static String changeList(ConfigKey key, String current, ConfigChange change)
            throws InvalidConfigException {
        if (key.type() != ConfigType.LIST) {
            throw new InvalidConfigException("Can't " + change.operation() + " to key " + key.name()
                    + " because its type is not LIST.");
        }
        if (change.value() == null) {
            throw new InvalidConfigException("Missing value for " + change.operation() + " to " + key.name());
        }
        List<String> elements = new ArrayList<>(splitList(current));
        for (String element : splitList(change.value())) {
            if (change.operation() == ConfigChange.Operation.SUBTRACT) {
                elements.remove(element);
            } else if (!elements.contains(element)) {
                elements.add(element);
            }
        }
        return String.join(",", elements);
    }

    private static List<String> splitList(String value) {
        List<String> elements = new ArrayList<>();
        for (String element : value.split(",")) {
            String trimmed = element.trim();
            if (!trimmed.isEmpty()) {
                elements.add(trimmed);
            }
        }
        return elements;
    }

    /** Returns the broker-level value of a setting (explicit or Tributary's default). */
    public String brokerValue(ConfigKey key) {
        return brokerDefaults.getOrDefault(key.brokerKey(), key.defaultValue());
    }

    /** Returns where the broker-level value of a setting comes from. */
    public ConfigSource brokerSource(ConfigKey key) {
        return brokerDefaults.containsKey(key.brokerKey()) ? ConfigSource.STATIC_BROKER : ConfigSource.DEFAULT;
    }

    /** Returns the broker-level values the operator set explicitly, by broker-level key. */
    public Map<String, String> brokerDefaults() {
        return brokerDefaults;
    }

    /**
     * Resolves the effective settings of a topic whose overrides were validated by {@link #validateOverrides}.
     * Unknown keys in {@code overrides} are ignored.
     */
    public TopicConfig resolve(Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        for (ConfigKey key : DEFINITIONS) {
            values.put(key.name(), overrides.getOrDefault(key.name(), brokerValue(key)));
        }
        return new TopicConfig(values, Map.copyOf(overrides));
    }

    private static Map<String, ConfigKey> indexBy(boolean brokerKey) {
        Map<String, ConfigKey> index = new LinkedHashMap<>();
        for (ConfigKey key : DEFINITIONS) {
            index.put(brokerKey ? key.brokerKey() : key.name(), key);
        }
        return Map.copyOf(index);
    }
}
