package io.tributary.it.support;

import io.tributary.server.TributaryServer;
import io.tributary.server.config.ServerConfig;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A Tributary server started in the test's JVM on an ephemeral port of 127.0.0.1 with its own data
 * directory, plus factories for kafka-clients pointed at it. {@link #restart()} closes the server cleanly
 * and starts a new one on the same data directory.
 */
public final class TestBroker implements AutoCloseable {

    private final Path dataDir;
    private final Map<String, String> settings;
    private TributaryServer server;

    private TestBroker(Path dataDir, Map<String, String> settings) {
        this.dataDir = dataDir;
        this.settings = settings;
    }

    /** Starts a broker on {@code dataDir} with the given settings on top of the test defaults. */
    public static TestBroker start(Path dataDir, Map<String, String> overrides) throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("listeners", "PLAINTEXT://127.0.0.1:0");
        settings.put("log.dirs", dataDir.toString());
        settings.putAll(overrides);
        TestBroker broker = new TestBroker(dataDir, settings);
        broker.server = TributaryServer.builder(ServerConfig.of(settings)).build().start();
        return broker;
    }

    public static TestBroker start(Path dataDir) throws Exception {
        return start(dataDir, Map.of());
    }

    /** Closes the server cleanly and starts a new one on the same data directory and settings. */
    public void restart() throws Exception {
        server.close();
        server = TributaryServer.builder(ServerConfig.of(settings)).build().start();
    }

    public Path dataDir() {
        return dataDir;
    }

    public int port() {
        return server.boundPort();
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port();
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return Admin.create(props);
    }

    /** Returns a string producer with the given settings on top of acks=all and short timeouts. */
    public KafkaProducer<String, String> producer(Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        props.putAll(overrides);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    public KafkaProducer<String, String> producer() {
        return producer(Map.of());
    }

    /** Returns a string consumer reading from the earliest offset, with the given settings on top. */
    public KafkaConsumer<String, String> consumer(Map<String, Object> overrides) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        props.putAll(overrides);
        return new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    }

    public KafkaConsumer<String, String> consumer() {
        return consumer(Map.of());
    }

    @Override
    public void close() {
        server.close();
    }
}
