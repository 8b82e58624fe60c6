package io.tributary.it.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.it.support.TestBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Round trips through one broker with kafka-clients 4.4's producer, consumer and admin client. */
class ProduceConsumeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    static Path dataDir;

    private static TestBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = TestBroker.start(dataDir);
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    private static void createTopic(String name, int partitions, Map<String, String> configs) throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1).configs(configs))).all().get();
        }
    }

    private static TopicPartition partition0(String topic) {
        return new TopicPartition(topic, 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void everyCodecRoundTrips(String codec) throws Exception {
        String topic = "codec-" + codec;
        createTopic(topic, 3, Map.of());
        int count = 2_000;
        List<RecordMetadata> sent = new ArrayList<>();
        try (KafkaProducer<String, String> producer = broker.producer(Map.of(
                ProducerConfig.COMPRESSION_TYPE_CONFIG, codec, ProducerConfig.LINGER_MS_CONFIG, 5))) {
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String value = i % 10 == 0 ? null : "value-" + i + "-" + "x".repeat(i % 50);
                ProducerRecord<String, String> record = new ProducerRecord<>(topic, null, "key-" + i, value,
                        List.of(new RecordHeader("index", Integer.toString(i).getBytes(StandardCharsets.UTF_8))));
                futures.add(producer.send(record));
            }
            for (Future<RecordMetadata> future : futures) {
                sent.add(future.get());
            }
        }

        try (KafkaConsumer<String, String> consumer = broker.consumer()) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0), new TopicPartition(topic, 1),
                    new TopicPartition(topic, 2));
            consumer.assign(partitions);
            List<ConsumerRecord<String, String>> received = Records.poll(consumer, count, TIMEOUT);

            assertThat(received).hasSize(count);
            for (ConsumerRecord<String, String> record : received) {
                int index = Integer.parseInt(new String(record.headers().lastHeader("index").value(),
                        StandardCharsets.UTF_8));
                assertThat(record.key()).isEqualTo("key-" + index);
                assertThat(record.value()).isEqualTo(index % 10 == 0 ? null : "value-" + index + "-" + "x".repeat(index % 50));
                assertThat(record.partition()).as("partition reported at send").isEqualTo(sent.get(index).partition());
                assertThat(record.offset()).as("offset reported at send").isEqualTo(sent.get(index).offset());
            }
        }
    }

    @Test
    void nullKeyAndValueRoundTrip() throws Exception {
        String topic = "nulls";
        createTopic(topic, 1, Map.of());
        try (KafkaProducer<String, String> producer = broker.producer()) {
            producer.send(new ProducerRecord<>(topic, null, null)).get();
        }
        try (KafkaConsumer<String, String> consumer = broker.consumer()) {
            consumer.assign(List.of(partition0(topic)));
            List<ConsumerRecord<String, String>> received = Records.poll(consumer, 1, TIMEOUT);

            assertThat(received).hasSize(1);
            assertThat(received.get(0).key()).isNull();
            assertThat(received.get(0).value()).isNull();
        }
    }

    @Test
    void recordCloseToSizeLimitIsAccepted() throws Exception {
        String topic = "large";
        createTopic(topic, 1, Map.of("max.message.bytes", "200000"));
        String largeValue = "v".repeat(199_000);
        try (KafkaProducer<String, String> producer = broker.producer(Map.of(
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_000_000, ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"))) {
            producer.send(new ProducerRecord<>(topic, "k", largeValue)).get();

            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", largeValue + "v".repeat(2_000))).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(RecordTooLargeException.class);
        }
        try (KafkaConsumer<String, String> consumer = broker.consumer()) {
            consumer.assign(List.of(partition0(topic)));
            List<ConsumerRecord<String, String>> received = Records.poll(consumer, 1, TIMEOUT);

            assertThat(received).hasSize(1);
            assertThat(received.get(0).value()).isEqualTo(largeValue);
        }
    }

    @Test
    void offsetsForTimesFindsFirstLaterRecord() throws Exception {
        String topic = "by-time";
        createTopic(topic, 1, Map.of());
        long base = System.currentTimeMillis() - 60_000;
        try (KafkaProducer<String, String> producer = broker.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 0))) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, 0, base + i * 1_000L, "k", "v" + i)).get();
            }
        }
        try (KafkaConsumer<String, String> consumer = broker.consumer()) {
            Map<TopicPartition, OffsetAndTimestamp> found =
                    consumer.offsetsForTimes(Map.of(partition0(topic), base + 4_500L), TIMEOUT);

            assertThat(found.get(partition0(topic)).offset()).isEqualTo(5L);
            assertThat(found.get(partition0(topic)).timestamp()).isEqualTo(base + 5_000L);
            Map<TopicPartition, OffsetAndTimestamp> none =
                    consumer.offsetsForTimes(Map.of(partition0(topic), base + 100_000L), TIMEOUT);
            assertThat(none.get(partition0(topic))).isNull();
        }
    }

    @Test
    void fetchFromMiddleOfBatch() throws Exception {
        String topic = "mid-batch";
        createTopic(topic, 1, Map.of());
        try (KafkaProducer<String, String> producer = broker.producer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 1_000))) {
            List<Future<RecordMetadata>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(producer.send(new ProducerRecord<>(topic, 0, "k", "v" + i)));
            }
            producer.flush();
            for (Future<RecordMetadata> future : futures) {
                future.get();
            }
        }
        try (KafkaConsumer<String, String> consumer = broker.consumer()) {
            consumer.assign(List.of(partition0(topic)));
            consumer.seek(partition0(topic), 5);
            List<ConsumerRecord<String, String>> received = Records.poll(consumer, 5, TIMEOUT);

            assertThat(received).extracting(ConsumerRecord::offset).containsExactly(5L, 6L, 7L, 8L, 9L);
            assertThat(received).extracting(ConsumerRecord::value).containsExactly("v5", "v6", "v7", "v8", "v9");
        }
    }

    @Test
    void longPollReturnsSoonAfterProduce() throws Exception {
        String topic = "long-poll";
        createTopic(topic, 1, Map.of());
        try (KafkaConsumer<String, String> consumer = broker.consumer(Map.of(
                "fetch.max.wait.ms", 30_000, "fetch.min.bytes", 1));
             KafkaProducer<String, String> producer = broker.producer()) {
            consumer.assign(List.of(partition0(topic)));
            consumer.poll(Duration.ofMillis(500));

            Thread sender = new Thread(() -> {
                try {
                    Thread.sleep(1_000);
                    producer.send(new ProducerRecord<>(topic, "k", "wake")).get();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            long start = System.nanoTime();
            sender.start();
            List<ConsumerRecord<String, String>> received = Records.poll(consumer, 1, Duration.ofSeconds(20));
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            sender.join();

            assertThat(received).extracting(ConsumerRecord::value).containsExactly("wake");
            assertThat(elapsedMs).as("ms from start to receipt; the produce happens after 1000 ms").isLessThan(2_000);
        }
    }

    @Test
    void pipelinedIdempotentProducesKeepOrder() throws Exception {
        String topic = "pipelined";
        createTopic(topic, 1, Map.of());
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        try (KafkaProducer<String, String> producer = broker.producer(Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 16,
                ProducerConfig.LINGER_MS_CONFIG, 0))) {
            for (int i = 0; i < 5; i++) {
                futures.add(producer.send(new ProducerRecord<>(topic, 0, "k", "m" + i)));
            }
            producer.flush();
        }
        List<Long> offsets = new ArrayList<>();
        for (Future<RecordMetadata> future : futures) {
            offsets.add(future.get().offset());
        }
        assertThat(offsets).containsExactly(0L, 1L, 2L, 3L, 4L);
        try (KafkaConsumer<String, String> consumer = broker.consumer()) {
            consumer.assign(List.of(partition0(topic)));
            List<ConsumerRecord<String, String>> received = Records.poll(consumer, 5, TIMEOUT);

            assertThat(received).extracting(ConsumerRecord::value).containsExactly("m0", "m1", "m2", "m3", "m4");
        }
    }

    @Test
    void autoCreatedTopicIsListed() throws Exception {
        try (KafkaProducer<String, String> producer = broker.producer()) {
            producer.send(new ProducerRecord<>("auto-created", "k", "v")).get();
        }
        try (Admin admin = broker.admin()) {
            Set<String> names = admin.listTopics().names().get();

            assertThat(names).contains("auto-created");
        }
    }
}
