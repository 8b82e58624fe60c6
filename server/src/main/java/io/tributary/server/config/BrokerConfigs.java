package io.tributary.server.config;

import static io.tributary.server.config.Validator.between;
import static io.tributary.server.config.Validator.millisBetween;

import io.tributary.broker.config.TopicConfigs;
import io.tributary.broker.group.GroupConfig;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The broker settings that Tributary implements, each defined once with Kafka's name. Defaults are Kafka
 * 4.4's except where the documentation of a setting states otherwise; docs/configuration.md lists those.
 */
public final class BrokerConfigs {

    private static final long MAX_MS = Long.MAX_VALUE;

    public static final ConfigDef<List<String>> LISTENERS = new ConfigDef<>("listeners", ConfigType.LIST,
            List.of("PLAINTEXT://127.0.0.1:9092"), Validator.any(),
            "Addresses the broker accepts client connections on, as NAME://host:port. An empty host binds all "
                    + "interfaces; port 0 picks a free port. Listeners named in controller.listener.names are not "
                    + "opened.");
    public static final ConfigDef<List<String>> ADVERTISED_LISTENERS = new ConfigDef<>("advertised.listeners",
            ConfigType.LIST, List.of(), Validator.any(),
            "Addresses sent to clients in Metadata responses, as NAME://host:port. Empty means the listeners "
                    + "themselves, with the bound port when the configured port is 0.");
    public static final ConfigDef<List<String>> LOG_DIRS = new ConfigDef<>("log.dirs", ConfigType.LIST,
            List.of("./tributary-data"), Validator.any(),
            "The data directory holding topic partitions, group offsets and meta.properties. Tributary uses "
                    + "one directory.");
    public static final ConfigDef<String> LOG_DIR = new ConfigDef<>("log.dir", ConfigType.STRING, null,
            Validator.any(), "The data directory, used only when log.dirs is not set by any source.");
    public static final ConfigDef<Integer> NODE_ID = new ConfigDef<>("node.id", ConfigType.INT, 1,
            between(0, Integer.MAX_VALUE), "The id of this broker, returned in Metadata and stored in "
                    + "meta.properties.");
    public static final ConfigDef<Integer> NUM_PARTITIONS = new ConfigDef<>("num.partitions", ConfigType.INT, 1,
            between(1, Integer.MAX_VALUE), "Partitions of an automatically created topic, and of a topic created "
                    + "without a partition count.");
    public static final ConfigDef<Short> DEFAULT_REPLICATION_FACTOR = new ConfigDef<>("default.replication.factor",
            ConfigType.SHORT, (short) 1, between(1, 1), "Replication factor of new topics. Tributary runs a "
                    + "single broker, so 1 is the only valid value.");
    public static final ConfigDef<Long> LOG_SEGMENT_BYTES = new ConfigDef<>("log.segment.bytes", ConfigType.BYTES,
            1L << 30, between(TopicConfigs.MIN_SEGMENT_BYTES, Integer.MAX_VALUE), "Size in bytes at which a partition "
                    + "rolls to a new segment. At least 1 MiB, as in Kafka 4.x, and at least message.max.bytes.");
    public static final ConfigDef<Duration> LOG_ROLL_MS = new ConfigDef<>("log.roll.ms", ConfigType.DURATION, null,
            millisBetween(1, MAX_MS), "Age in ms at which a partition rolls to a new segment; overrides "
                    + "log.roll.hours when set.");
    public static final ConfigDef<Integer> LOG_ROLL_HOURS = new ConfigDef<>("log.roll.hours", ConfigType.INT,
            168, between(1, Integer.MAX_VALUE), "Age in hours at which a partition rolls to a new segment.");
    public static final ConfigDef<Long> LOG_INDEX_INTERVAL_BYTES = new ConfigDef<>("log.index.interval.bytes",
            ConfigType.BYTES, 4096L, between(0, Integer.MAX_VALUE), "Bytes of records between two offset index "
                    + "entries.");
    public static final ConfigDef<Long> LOG_INDEX_SIZE_MAX_BYTES = new ConfigDef<>("log.index.size.max.bytes",
            ConfigType.BYTES, 10L << 20, between(4, Integer.MAX_VALUE), "Maximum size in bytes of one offset or "
                    + "time index file; a full index rolls the segment.");
    public static final ConfigDef<Boolean> AUTO_CREATE_TOPICS_ENABLE = new ConfigDef<>("auto.create.topics.enable",
            ConfigType.BOOLEAN, true, Validator.any(), "Create a topic with num.partitions partitions when a "
                    + "client requests Metadata for a topic that does not exist.");
    public static final ConfigDef<Long> MESSAGE_MAX_BYTES = new ConfigDef<>("message.max.bytes", ConfigType.BYTES,
            1048588L, between(0, Integer.MAX_VALUE), "Largest record batch in bytes the broker accepts; the "
                    + "topic-level max.message.bytes overrides it.");
    public static final ConfigDef<Long> SOCKET_REQUEST_MAX_BYTES = new ConfigDef<>("socket.request.max.bytes",
            ConfigType.BYTES, 104857600L, between(1, Integer.MAX_VALUE), "Largest request frame in bytes; a "
                    + "client announcing a larger one is disconnected.");
    public static final ConfigDef<Long> SOCKET_SEND_BUFFER_BYTES = new ConfigDef<>("socket.send.buffer.bytes",
            ConfigType.BYTES, 102400L, between(-1, Integer.MAX_VALUE), "SO_SNDBUF of client connections in "
                    + "bytes; -1 keeps the operating system's default.");
    public static final ConfigDef<Long> SOCKET_RECEIVE_BUFFER_BYTES = new ConfigDef<>(
            "socket.receive.buffer.bytes", ConfigType.BYTES, 102400L, between(-1, Integer.MAX_VALUE),
            "SO_RCVBUF of client connections in bytes; -1 keeps the operating system's default.");
    public static final ConfigDef<Duration> CONNECTIONS_MAX_IDLE_MS = new ConfigDef<>("connections.max.idle.ms",
            ConfigType.DURATION, Duration.ofMillis(600_000), millisBetween(1, MAX_MS), "A connection that "
                    + "neither reads nor writes for this many ms is closed.");
    public static final ConfigDef<Long> LOG_FLUSH_INTERVAL_MESSAGES = new ConfigDef<>("log.flush.interval.messages",
            ConfigType.LONG, 1L, between(1, Long.MAX_VALUE), "Records appended to a partition before its log is "
                    + "fsynced and acknowledged as durable. Tributary's default 1 makes every acknowledged write "
                    + "durable; Kafka's default is Long.MAX_VALUE.");
    public static final ConfigDef<Duration> LOG_FLUSH_INTERVAL_MS = new ConfigDef<>("log.flush.interval.ms",
            ConfigType.DURATION, Duration.ofMillis(MAX_MS), millisBetween(0, MAX_MS), "Maximum time in ms a "
                    + "record stays in a partition's log before it is fsynced; the default means no time limit.");
    public static final ConfigDef<String> LOG_MESSAGE_TIMESTAMP_TYPE = new ConfigDef<>("log.message.timestamp.type",
            ConfigType.STRING, "CreateTime", Validator.oneOf("CreateTime", "LogAppendTime"), "Whether record "
                    + "timestamps are the producer's (CreateTime) or replaced by the broker's clock on append "
                    + "(LogAppendTime).");
    public static final ConfigDef<Duration> LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS = new ConfigDef<>(
            "log.message.timestamp.before.max.ms", ConfigType.DURATION, Duration.ofMillis(MAX_MS),
            millisBetween(0, MAX_MS), "With CreateTime, the furthest in ms a batch's timestamp may lie in the "
                    + "past of the broker's clock; older batches are rejected with INVALID_TIMESTAMP.");
    public static final ConfigDef<Duration> LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS = new ConfigDef<>(
            "log.message.timestamp.after.max.ms", ConfigType.DURATION, Duration.ofMillis(3_600_000),
            millisBetween(0, MAX_MS), "With CreateTime, the furthest in ms a batch's timestamp may lie in the "
                    + "future of the broker's clock; later batches are rejected with INVALID_TIMESTAMP.");
    public static final ConfigDef<Integer> OFFSETS_TOPIC_NUM_PARTITIONS = new ConfigDef<>(
            "offsets.topic.num.partitions", ConfigType.INT, GroupConfig.DEFAULT_OFFSETS_TOPIC_NUM_PARTITIONS,
            between(1, Integer.MAX_VALUE), "Partitions of the internal __consumer_offsets topic, fixed when "
                    + "the topic is first created. Tributary's default is 8 (Kafka's is 50) because a single broker gains little from more.");
    public static final ConfigDef<Duration> GROUP_MIN_SESSION_TIMEOUT_MS = new ConfigDef<>(
            "group.min.session.timeout.ms", ConfigType.DURATION,
            Duration.ofMillis(GroupConfig.DEFAULT_MIN_SESSION_TIMEOUT_MS),
            millisBetween(0, Integer.MAX_VALUE), "Smallest session timeout in ms a consumer may request.");
    public static final ConfigDef<Duration> GROUP_MAX_SESSION_TIMEOUT_MS = new ConfigDef<>(
            "group.max.session.timeout.ms", ConfigType.DURATION,
            Duration.ofMillis(GroupConfig.DEFAULT_MAX_SESSION_TIMEOUT_MS),
            millisBetween(0, Integer.MAX_VALUE), "Largest session timeout in ms a consumer may request.");
    public static final ConfigDef<Duration> GROUP_INITIAL_REBALANCE_DELAY_MS = new ConfigDef<>(
            "group.initial.rebalance.delay.ms", ConfigType.DURATION,
            Duration.ofMillis(GroupConfig.DEFAULT_INITIAL_REBALANCE_DELAY_MS),
            millisBetween(0, Integer.MAX_VALUE), "Time in ms an empty group waits for more members before its "
                    + "first rebalance. Tributary's default is 0 (Kafka's is 3000), so a lone consumer starts "
                    + "at once.");
    public static final ConfigDef<Boolean> DELETE_TOPIC_ENABLE = new ConfigDef<>("delete.topic.enable",
            ConfigType.BOOLEAN, true, Validator.any(), "Whether DeleteTopics requests are executed; when false "
                    + "they fail with TOPIC_DELETION_DISABLED.");
    public static final ConfigDef<Integer> MAX_INCREMENTAL_FETCH_SESSION_CACHE_SLOTS = new ConfigDef<>(
            "max.incremental.fetch.session.cache.slots", ConfigType.INT, 1000, between(0, Integer.MAX_VALUE),
            "Maximum number of incremental fetch sessions the broker keeps at once.");
    public static final ConfigDef<Integer> NUM_NETWORK_THREADS = new ConfigDef<>("num.network.threads",
            ConfigType.INT, 3, between(1, Integer.MAX_VALUE), "Event-loop threads serving client connections. "
                    + "Requests are handled on these threads too.");
    public static final ConfigDef<Integer> NUM_IO_THREADS = new ConfigDef<>("num.io.threads", ConfigType.INT, 8,
            between(1, Integer.MAX_VALUE), "Accepted for compatibility and not used: Tributary handles requests "
                    + "on the network threads.");

    /** Every implemented broker setting, by name, in documentation order. */
    public static final Map<String, ConfigDef<?>> ALL = index(List.of(
            LISTENERS, ADVERTISED_LISTENERS, LOG_DIRS, LOG_DIR, NODE_ID, NUM_PARTITIONS, DEFAULT_REPLICATION_FACTOR,
            LOG_SEGMENT_BYTES, LOG_ROLL_MS, LOG_ROLL_HOURS, LOG_INDEX_INTERVAL_BYTES, LOG_INDEX_SIZE_MAX_BYTES,
            AUTO_CREATE_TOPICS_ENABLE, MESSAGE_MAX_BYTES, SOCKET_REQUEST_MAX_BYTES, SOCKET_SEND_BUFFER_BYTES,
            SOCKET_RECEIVE_BUFFER_BYTES, CONNECTIONS_MAX_IDLE_MS, LOG_FLUSH_INTERVAL_MESSAGES, LOG_FLUSH_INTERVAL_MS,
            LOG_MESSAGE_TIMESTAMP_TYPE, LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS, LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS,
            OFFSETS_TOPIC_NUM_PARTITIONS, GROUP_MIN_SESSION_TIMEOUT_MS, GROUP_MAX_SESSION_TIMEOUT_MS,
            GROUP_INITIAL_REBALANCE_DELAY_MS, DELETE_TOPIC_ENABLE, MAX_INCREMENTAL_FETCH_SESSION_CACHE_SLOTS,
            NUM_NETWORK_THREADS, NUM_IO_THREADS));

    private BrokerConfigs() {
    }

    /**
     * Returns the valid values of log.segment.bytes given message.max.bytes: the range of {@link #LOG_SEGMENT_BYTES}
     * with its minimum raised to {@code messageMaxBytes}, so that the largest batch fits in one segment.
     */
    public static Validator<Long> logSegmentBytesRange(long messageMaxBytes) {
        if (messageMaxBytes <= TopicConfigs.MIN_SEGMENT_BYTES) {
            return between(TopicConfigs.MIN_SEGMENT_BYTES, Integer.MAX_VALUE);
        }
        Validator<Long> range = between(messageMaxBytes, Integer.MAX_VALUE);
        return new Validator<>() {
            @Override
            public boolean accepts(Long value) {
                return range.accepts(value);
            }

            @Override
            public String describe() {
                return range.describe() + " because a segment must hold a batch of message.max.bytes ("
                        + messageMaxBytes + ")";
            }
        };
    }

    private static Map<String, ConfigDef<?>> index(List<ConfigDef<?>> defs) {
        Map<String, ConfigDef<?>> byName = new LinkedHashMap<>();
        for (ConfigDef<?> def : defs) {
            if (byName.put(def.name(), def) != null) {
                throw new IllegalStateException("Setting defined twice: " + def.name());
            }
        }
        return Collections.unmodifiableMap(byName);
    }
}
