package io.tributary.server;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.RequestDispatcher;
import io.tributary.broker.config.ConfigKey;
import io.tributary.broker.config.TopicConfigs;
import io.tributary.broker.group.CoordinatorNode;
import io.tributary.broker.group.GroupConfig;
import io.tributary.broker.group.GroupCoordinator;
import io.tributary.protocol.codec.KafkaRequestDecoder;
import io.tributary.protocol.codec.KafkaResponseEncoder;
import io.tributary.server.config.Endpoint;
import io.tributary.server.config.ServerConfig;
import io.tributary.storage.file.FileSync;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The production implementations of the codec and the broker, as the server wires them by default. */
final class DefaultWiring {

    private DefaultWiring() {
    }

    static Codec codec() {
        return new Codec(new KafkaRequestDecoder(), new KafkaResponseEncoder());
    }

    /**
     * Returns the factory that opens storage and the topic metadata in the data directory and starts the broker
     * and its group coordinator, with every force of storage going through {@code fileSync}.
     */
    static BrokerFactory brokerFactory(FileSync fileSync) {
        return (config, meta, advertised) -> createBroker(config, meta, advertised, fileSync);
    }

    private static Broker createBroker(ServerConfig config, MetaProperties meta, List<Endpoint> advertised,
                                       FileSync fileSync) throws Exception {
        BrokerConfig brokerConfig = brokerConfig(config, meta, advertised.get(0));
        CoordinatorNode node = new CoordinatorNode(meta.nodeId(), brokerConfig.advertisedHost(),
                brokerConfig.advertisedPort());
        io.tributary.broker.Broker broker = io.tributary.broker.Broker.start(brokerConfig,
                (settings, logManager, topics) -> {
                    try {
                        return GroupCoordinator.openOnStorage(settings.group(), node, topics, logManager);
                    } catch (IOException e) {
                        throw new UncheckedIOException("Cannot open the committed offsets in " + config.dataDir(), e);
                    }
                }, Clock.systemUTC(), fileSync);
        return new Broker() {
            @Override
            public RequestDispatcher dispatcher() {
                return broker;
            }

            @Override
            public void close() throws Exception {
                broker.close();
            }
        };
    }

    static BrokerConfig brokerConfig(ServerConfig config, MetaProperties meta, Endpoint advertised) {
        return new BrokerConfig(meta.nodeId(), advertised.host(), advertised.port(), meta.clusterId(),
                config.dataDir(), config.numPartitions(), config.defaultReplicationFactor(),
                config.autoCreateTopicsEnable(), logDefaults(config), groupConfig(config), config.fetchSessionCacheSlots());
    }

    /**
     * Returns the group coordinator's settings: the keys of the server's configuration table, and the defaults
     * of {@link GroupConfig} for the settings the table does not define ({@code group.max.size},
     * {@code offset.metadata.max.bytes}, offset retention).
     */
    static GroupConfig groupConfig(ServerConfig config) {
        return new GroupConfig(
                (int) config.groupMinSessionTimeout().toMillis(),
                (int) config.groupMaxSessionTimeout().toMillis(),
                (int) config.groupInitialRebalanceDelay().toMillis(),
                GroupConfig.DEFAULT_MAX_GROUP_SIZE,
                GroupConfig.DEFAULT_OFFSET_METADATA_MAX_BYTES,
                config.offsetsTopicNumPartitions());
    }

    /**
     * Returns the broker-level defaults of topic settings whose value differs from Tributary's built-in default,
     * so DescribeConfigs reports them as static broker settings and the others as defaults.
     */
    static Map<String, String> logDefaults(ServerConfig config) {
        Map<String, String> values = new HashMap<>();
        values.put("log.flush.interval.messages", Long.toString(config.logFlushIntervalMessages()));
        values.put("log.flush.interval.ms", Long.toString(millisOrUnlimited(config.logFlushInterval())));
        values.put("log.index.interval.bytes", Integer.toString(config.logIndexIntervalBytes()));
        values.put("message.max.bytes", Integer.toString(config.messageMaxBytes()));
        values.put("log.message.timestamp.type", config.logMessageTimestampType());
        values.put("log.message.timestamp.after.max.ms", Long.toString(millisOrUnlimited(config.timestampAfterMax())));
        values.put("log.message.timestamp.before.max.ms",
                Long.toString(millisOrUnlimited(config.timestampBeforeMax())));
        values.put("log.segment.bytes", Integer.toString(config.logSegmentBytes()));
        values.put("log.index.size.max.bytes", Integer.toString(config.logIndexSizeMaxBytes()));
        values.put("log.roll.ms", Long.toString(config.logRollTime().toMillis()));
        values.entrySet().removeIf(entry -> {
            Optional<ConfigKey> key = TopicConfigs.definitionByBrokerKey(entry.getKey());
            return key.isEmpty() || key.get().defaultValue().equals(entry.getValue());
        });
        return values;
    }

    private static long millisOrUnlimited(java.time.Duration duration) {
        try {
            return duration.toMillis();
        } catch (ArithmeticException overflow) {
            return Long.MAX_VALUE;
        }
    }
}
