package io.tributary.compat.kcat;

import io.tributary.compat.support.CompatBrokers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * The other side of kcat's scenarios: the Java kafka-clients 4.4.0 of the test class path, used to create
 * and delete topics, to write records kcat reads and to read records kcat wrote. Its client id
 * {@link #CLIENT_ID} lies outside kcat's prefix, so the negotiation check counts only kcat's requests.
 */
final class JavaPeer {

    /** The client id of every Java client here. */
    static final String CLIENT_ID = "compat-peer-of-kcat";

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private JavaPeer() {
    }

    /** Creates {@code topic} with {@code partitions} partitions and the topic settings {@code configs}. */
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

    /** Sends {@code records} with compression {@code codec} in as few batches as linger allows, and flushes. */
    static void produce(CompatBrokers.Target target, String codec, List<ProducerRecord<String, String>> records)
            throws Exception {
        Properties settings = new Properties();
        settings.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        settings.put(ProducerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        settings.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, codec);
        settings.put(ProducerConfig.LINGER_MS_CONFIG, "200");
        settings.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
        settings.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
        settings.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis() + 1000));
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(settings, new StringSerializer(), new StringSerializer())) {
            List<Future<?>> sent = new ArrayList<>();
            for (ProducerRecord<String, String> record : records) {
                sent.add(producer.send(record));
            }
            producer.flush();
            for (Future<?> future : sent) {
                future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Reads partition {@code partition} of {@code topic} from its start until {@code count} records arrived
     * or {@link #TIMEOUT} passed, and returns what arrived.
     */
    static List<ConsumerRecord<String, String>> consume(CompatBrokers.Target target, String topic, int partition,
            int count) {
        Properties settings = new Properties();
        settings.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        settings.put(ConsumerConfig.CLIENT_ID_CONFIG, CLIENT_ID);
        settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        settings.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
        settings.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
        List<ConsumerRecord<String, String>> received = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(settings, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition topicPartition = new TopicPartition(topic, partition);
            consumer.assign(List.of(topicPartition));
            consumer.seekToBeginning(List.of(topicPartition));
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (received.size() < count && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
            }
        }
        return received;
    }

    private static Admin admin(CompatBrokers.Target target) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, CLIENT_ID,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis()));
    }
}
