package io.tributary.server.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The validated broker configuration. Each component is the effective value of the {@link BrokerConfigs}
 * setting of the same meaning; the constructor checks the rules that involve several settings.
 *
 * @param listeners                   the endpoints to bind, controller listeners removed; never empty
 * @param advertisedListeners         the endpoints sent to clients, one per listener, in listener order
 * @param dataDir                     the data directory (log.dirs)
 * @param nodeId                      node.id
 * @param numPartitions               num.partitions
 * @param defaultReplicationFactor    default.replication.factor
 * @param logSegmentBytes             log.segment.bytes
 * @param logRollTime                 log.roll.ms, or log.roll.hours when log.roll.ms is not set
 * @param logIndexIntervalBytes       log.index.interval.bytes
 * @param logIndexSizeMaxBytes        log.index.size.max.bytes
 * @param autoCreateTopicsEnable      auto.create.topics.enable
 * @param messageMaxBytes             message.max.bytes
 * @param socketRequestMaxBytes       socket.request.max.bytes
 * @param socketSendBufferBytes       socket.send.buffer.bytes, -1 for the OS default
 * @param socketReceiveBufferBytes    socket.receive.buffer.bytes, -1 for the OS default
 * @param connectionsMaxIdle          connections.max.idle.ms
 * @param logFlushIntervalMessages    log.flush.interval.messages
 * @param logFlushInterval            log.flush.interval.ms
 * @param logMessageTimestampType     log.message.timestamp.type: CreateTime or LogAppendTime
 * @param timestampBeforeMax          log.message.timestamp.before.max.ms
 * @param timestampAfterMax           log.message.timestamp.after.max.ms
 * @param offsetsTopicNumPartitions   offsets.topic.num.partitions
 * @param groupMinSessionTimeout      group.min.session.timeout.ms
 * @param groupMaxSessionTimeout      group.max.session.timeout.ms
 * @param groupInitialRebalanceDelay  group.initial.rebalance.delay.ms
 * @param deleteTopicEnable           delete.topic.enable
 * @param fetchSessionCacheSlots      max.incremental.fetch.session.cache.slots
 * @param numNetworkThreads           num.network.threads
 */
public record ServerConfig(
        List<Endpoint> listeners,
        List<Endpoint> advertisedListeners,
        Path dataDir,
        int nodeId,
        int numPartitions,
        short defaultReplicationFactor,
        int logSegmentBytes,
        Duration logRollTime,
        int logIndexIntervalBytes,
        int logIndexSizeMaxBytes,
        boolean autoCreateTopicsEnable,
        int messageMaxBytes,
        int socketRequestMaxBytes,
        int socketSendBufferBytes,
        int socketReceiveBufferBytes,
        Duration connectionsMaxIdle,
        long logFlushIntervalMessages,
        Duration logFlushInterval,
        String logMessageTimestampType,
        Duration timestampBeforeMax,
        Duration timestampAfterMax,
        int offsetsTopicNumPartitions,
        Duration groupMinSessionTimeout,
        Duration groupMaxSessionTimeout,
        Duration groupInitialRebalanceDelay,
        boolean deleteTopicEnable,
        int fetchSessionCacheSlots,
        int numNetworkThreads) {

    /** Listener names whose security protocol Tributary does not implement. */
    private static final Set<String> SECURE_LISTENER_NAMES = Set.of("SSL", "SASL_PLAINTEXT", "SASL_SSL");

    public ServerConfig {
        listeners = List.copyOf(listeners);
        advertisedListeners = List.copyOf(advertisedListeners);
        Objects.requireNonNull(dataDir, "dataDir");
        if (listeners.isEmpty()) {
            throw new ConfigException("listeners must name at least one client listener, e.g. "
                    + "PLAINTEXT://127.0.0.1:9092");
        }
        for (Endpoint listener : listeners) {
            if (SECURE_LISTENER_NAMES.contains(listener.listenerName())) {
                throw new ConfigException("Invalid listener " + listener + " in listeners: Tributary supports only "
                        + "PLAINTEXT listeners");
            }
        }
        if (advertisedListeners.size() != listeners.size()) {
            throw new ConfigException("advertised.listeners must name the same listeners as listeners: "
                    + advertisedListeners + " does not match " + listeners);
        }
        if (groupMinSessionTimeout.compareTo(groupMaxSessionTimeout) > 0) {
            throw new ConfigException("group.min.session.timeout.ms (" + groupMinSessionTimeout.toMillis()
                    + ") must not exceed group.max.session.timeout.ms (" + groupMaxSessionTimeout.toMillis() + ")");
        }
        Validator<Long> segmentRange = BrokerConfigs.logSegmentBytesRange(messageMaxBytes);
        if (!segmentRange.accepts((long) logSegmentBytes)) {
            throw new ConfigException("Invalid value '" + logSegmentBytes + "' for log.segment.bytes: valid values "
                    + "are " + segmentRange.describe());
        }
    }

    /** Loads the defaults overridden by {@code settings}; a shortcut for tests and embedding code. */
    public static ServerConfig of(Map<String, String> settings) {
        return ConfigLoader.fromSettings(settings).config();
    }

    /** Returns the first client listener, whose port {@code TributaryServer.boundPort()} returns. */
    public Endpoint primaryListener() {
        return listeners.get(0);
    }

    static ServerConfig from(ParsedConfig values, Map<String, ConfigValue> ignored) {
        Set<String> controllerNames = controllerListenerNames(ignored);
        List<Endpoint> listeners = endpoints(BrokerConfigs.LISTENERS.name(), values.get(BrokerConfigs.LISTENERS),
                controllerNames);
        List<String> advertisedText = values.get(BrokerConfigs.ADVERTISED_LISTENERS);
        List<Endpoint> advertised = advertisedText.isEmpty()
                ? listeners
                : matchListeners(endpoints(BrokerConfigs.ADVERTISED_LISTENERS.name(), advertisedText, controllerNames),
                        listeners);

        return new ServerConfig(
                listeners,
                advertised,
                dataDir(values),
                values.get(BrokerConfigs.NODE_ID),
                values.get(BrokerConfigs.NUM_PARTITIONS),
                values.get(BrokerConfigs.DEFAULT_REPLICATION_FACTOR),
                values.get(BrokerConfigs.LOG_SEGMENT_BYTES).intValue(),
                rollTime(values),
                values.get(BrokerConfigs.LOG_INDEX_INTERVAL_BYTES).intValue(),
                values.get(BrokerConfigs.LOG_INDEX_SIZE_MAX_BYTES).intValue(),
                values.get(BrokerConfigs.AUTO_CREATE_TOPICS_ENABLE),
                values.get(BrokerConfigs.MESSAGE_MAX_BYTES).intValue(),
                values.get(BrokerConfigs.SOCKET_REQUEST_MAX_BYTES).intValue(),
                values.get(BrokerConfigs.SOCKET_SEND_BUFFER_BYTES).intValue(),
                values.get(BrokerConfigs.SOCKET_RECEIVE_BUFFER_BYTES).intValue(),
                values.get(BrokerConfigs.CONNECTIONS_MAX_IDLE_MS),
                values.get(BrokerConfigs.LOG_FLUSH_INTERVAL_MESSAGES),
                values.get(BrokerConfigs.LOG_FLUSH_INTERVAL_MS),
                values.get(BrokerConfigs.LOG_MESSAGE_TIMESTAMP_TYPE),
                values.get(BrokerConfigs.LOG_MESSAGE_TIMESTAMP_BEFORE_MAX_MS),
                values.get(BrokerConfigs.LOG_MESSAGE_TIMESTAMP_AFTER_MAX_MS),
                values.get(BrokerConfigs.OFFSETS_TOPIC_NUM_PARTITIONS),
                values.get(BrokerConfigs.GROUP_MIN_SESSION_TIMEOUT_MS),
                values.get(BrokerConfigs.GROUP_MAX_SESSION_TIMEOUT_MS),
                values.get(BrokerConfigs.GROUP_INITIAL_REBALANCE_DELAY_MS),
                values.get(BrokerConfigs.DELETE_TOPIC_ENABLE),
                values.get(BrokerConfigs.MAX_INCREMENTAL_FETCH_SESSION_CACHE_SLOTS),
                values.get(BrokerConfigs.NUM_NETWORK_THREADS));
    }

    private static Set<String> controllerListenerNames(Map<String, ConfigValue> ignored) {
        ConfigValue names = ignored.get("controller.listener.names");
        if (names == null || names.text() == null) {
            return Set.of("CONTROLLER");
        }
        Set<String> result = new HashSet<>();
        for (String name : names.text().split(",")) {
            result.add(name.trim().toUpperCase(Locale.ROOT));
        }
        return result;
    }

    private static List<Endpoint> endpoints(String setting, List<String> texts, Set<String> controllerNames) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (String text : texts) {
            Endpoint endpoint = Endpoint.parse(setting, text);
            if (!controllerNames.contains(endpoint.listenerName())) {
                endpoints.add(endpoint);
            }
        }
        return endpoints;
    }

    /** Orders the advertised endpoints like the listeners, so index i of both describes one listener. */
    private static List<Endpoint> matchListeners(List<Endpoint> advertised, List<Endpoint> listeners) {
        List<Endpoint> ordered = new ArrayList<>();
        for (Endpoint listener : listeners) {
            Endpoint match = advertised.stream()
                    .filter(endpoint -> endpoint.listenerName().equals(listener.listenerName()))
                    .findFirst()
                    .orElseThrow(() -> new ConfigException("advertised.listeners has no entry for listener "
                            + listener.listenerName() + " of listeners " + listeners));
            ordered.add(match);
        }
        return ordered;
    }

    private static Path dataDir(ParsedConfig values) {
        List<String> dirs = values.get(BrokerConfigs.LOG_DIRS);
        String logDir = values.get(BrokerConfigs.LOG_DIR);
        if (!values.isSet(BrokerConfigs.LOG_DIRS) && logDir != null) {
            return Path.of(logDir);
        }
        if (dirs.size() != 1) {
            throw new ConfigException("Invalid value '" + String.join(",", dirs) + "' for log.dirs: Tributary "
                    + "uses exactly one data directory");
        }
        return Path.of(dirs.get(0));
    }

    private static Duration rollTime(ParsedConfig values) {
        Duration rollMs = values.get(BrokerConfigs.LOG_ROLL_MS);
        return rollMs != null ? rollMs : Duration.ofHours(values.get(BrokerConfigs.LOG_ROLL_HOURS));
    }
}
