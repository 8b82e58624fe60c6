package io.tributary.compat.kafkajs;

import io.tributary.compat.support.CompatBrokers;
import io.tributary.storage.tools.LogDump;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The other side of the KafkaJS scenarios: kafka-clients 4.4.0 from the test class path creates and deletes
 * topics, and writes and reads the records that KafkaJS reads and wrote. Its client ids start with
 * {@link #CLIENT_ID}, which matches no column's prefix, so its requests never count as KafkaJS's.
 */
final class JavaPeer {

    static final String CLIENT_ID = "peer-java-for-kafkajs";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Pattern BATCH_LINE = Pattern.compile(" count: (\\d+) .* size: (\\d+) .* compresscodec: (\\S+)");

    private JavaPeer() {
    }

    /** Creates {@code topic} on {@code target} with {@code partitions} partitions and {@code configs}. */
    static void createTopic(CompatBrokers.Target target, String topic, int partitions, Map<String, String> configs)
            throws Exception {
        try (Admin admin = admin(target)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs)))
                    .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    static void deleteTopic(CompatBrokers.Target target, String topic) throws Exception {
        try (Admin admin = admin(target)) {
            admin.deleteTopics(List.of(topic)).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Sends {@code records} with {@code compression} and {@code linger.ms=50}, and waits for each ack. */
    static void produce(CompatBrokers.Target target, String topic, String compression,
            List<ProducerRecord<String, String>> records) throws Exception {
        Properties props = common(target, "producer");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, compression);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "50");
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            List<Future<?>> acks = new ArrayList<>();
            for (ProducerRecord<String, String> record : records) {
                acks.add(producer.send(record));
            }
            for (Future<?> ack : acks) {
                ack.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /** Reads partition {@code partition} of {@code topic} from offset 0 until {@code expected} records arrived or 10 s passed. */
    static List<ConsumerRecord<String, String>> consume(CompatBrokers.Target target, String topic, int partition,
            int expected) {
        Properties props = common(target, "consumer");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition topicPartition = new TopicPartition(topic, partition);
            consumer.assign(List.of(topicPartition));
            consumer.seek(topicPartition, 0);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** A batch as Tributary stored it: its record count, size in bytes and codec label. */
    record StoredBatch(int count, int size, String codec) {
    }

    /** Reads the batches of partition {@code partition} of {@code topic} from Tributary's segment files. */
    static List<StoredBatch> storedBatches(String topic, int partition) throws IOException {
        Path dir = CompatBrokers.tributaryLogDir().resolve(topic + "-" + partition);
        List<Path> segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
        }
        List<StoredBatch> batches = new ArrayList<>();
        for (Path segment : segments) {
            StringBuilder dump = new StringBuilder();
            LogDump.dump(segment, false, dump);
            for (String line : dump.toString().split("\n")) {
                Matcher matcher = BATCH_LINE.matcher(line);
                if (matcher.find()) {
                    batches.add(new StoredBatch(Integer.parseInt(matcher.group(1)),
                            Integer.parseInt(matcher.group(2)), matcher.group(3)));
                }
            }
        }
        return batches;
    }

    private static Admin admin(CompatBrokers.Target target) {
        Properties props = common(target, "admin");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
        return Admin.create(props);
    }

    private static Properties common(CompatBrokers.Target target, String role) {
        Properties props = new Properties();
        props.put("bootstrap.servers", target.bootstrapServers());
        props.put("client.id", CLIENT_ID + "-" + role);
        return props;
    }
}
