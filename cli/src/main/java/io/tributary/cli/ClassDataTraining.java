package io.tributary.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The training run behind the launcher's class-data archive. The {@code tributary} launcher runs this class
 * once per build with {@code -XX:ArchiveClassesAtExit}, so the JVM writes every class the run loaded into an
 * archive that later {@code tributary server} start-ups map instead of loading and verifying those classes
 * one by one.
 *
 * <p>The run goes through what a broker does in its first second: the {@code server} command starts a broker on
 * a temporary data directory and a free port on 127.0.0.1, then Kafka clients create a topic, produce
 * uncompressed and compressed batches, consume them in a group and commit. Exiting then stops the broker
 * through the server command's shutdown hook. Exits with 0 on success and 1 when any step fails, in which case
 * the launcher keeps no archive.
 *
 * <p>Usage: {@code ClassDataTraining DATA_DIR}, an empty directory that the caller deletes afterwards.
 */
public final class ClassDataTraining {

    private static final String TOPIC = "class-data-training";

    private ClassDataTraining() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: ClassDataTraining DATA_DIR");
            System.exit(2);
        }
        Path dataDir = Path.of(args[0]);
        int status = 1;
        try {
            int port = freePort();
            Thread server = new Thread(() -> Main.execute("server", "--data-dir", dataDir.toString(),
                    "--set", "listeners=PLAINTEXT://127.0.0.1:" + port), "class-data-server");
            server.setDaemon(true);
            server.start();
            exercise("127.0.0.1:" + port);
            status = 0;
        } catch (Exception e) {
            System.err.println("tributary: class-data training failed: " + e);
        }
        System.exit(status);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void exercise(String bootstrap) throws Exception {
        Map<String, Object> common = Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 10, AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 50);
        try (Admin admin = Admin.create(common)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 2, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        int records = 0;
        for (String codec : List.of("none", "lz4", "zstd", "snappy", "gzip")) {
            Map<String, Object> producerConfig = new HashMap<>(common);
            producerConfig.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
            producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig)) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(TOPIC, i % 2, null, new byte[100])).get(30, TimeUnit.SECONDS);
                    records++;
                }
            }
        }
        Map<String, Object> consumerConfig = new HashMap<>(common);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, TOPIC);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig)) {
            consumer.subscribe(List.of(TOPIC));
            int consumed = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumed < records) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("consumed " + consumed + " of " + records + " records");
                }
                ConsumerRecords<byte[], byte[]> polled = consumer.poll(Duration.ofMillis(200));
                consumed += polled.count();
            }
            consumer.commitSync();
        }
    }
}
