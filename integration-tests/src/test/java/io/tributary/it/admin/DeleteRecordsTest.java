package io.tributary.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.it.support.BrokerProcess;
import io.tributary.it.support.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DeleteRecordsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DeleteRecords through kafka-clients' Admin, and how consumers see the raised log start offset. */
class DeleteRecordsTest {

    private static final TopicPartition PARTITION = new TopicPartition("events", 0);

    @TempDir
    Path dataDir;

    @Test
    void deleteRecordsReturnsLowWatermark() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            createAndFill(admin, broker.bootstrapServers(), 10);

            long lowWatermark = deleteBefore(admin, 4);

            assertThat(lowWatermark).isEqualTo(4);
            assertThat(admin.listOffsets(Map.of(PARTITION, OffsetSpec.earliest())).partitionResult(PARTITION).get()
                    .offset()).isEqualTo(4);
            assertThat(admin.listOffsets(Map.of(PARTITION, OffsetSpec.latest())).partitionResult(PARTITION).get()
                    .offset()).isEqualTo(10);
        }
    }

    @Test
    void minusOneDeletesUpToHighWatermark() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            createAndFill(admin, broker.bootstrapServers(), 10);

            assertThat(deleteBefore(admin, -1)).isEqualTo(10);
        }
    }

    @Test
    void deleteErrorsReachTheClient() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            createAndFill(admin, broker.bootstrapServers(), 10);

            assertThatThrownBy(() -> deleteBefore(admin, 11))
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.OffsetOutOfRangeException.class);
            // Admin retries an unknown topic's leader lookup until its timeout, as against Kafka
            TopicPartition unknown = new TopicPartition("missing", 0);
            assertThatThrownBy(() -> admin.deleteRecords(Map.of(unknown, RecordsToDelete.beforeOffset(1)),
                    new DeleteRecordsOptions().timeoutMs(2_000)).lowWatermarks().get(unknown).get(15, TimeUnit.SECONDS))
                    .cause().isInstanceOfAny(org.apache.kafka.common.errors.TimeoutException.class,
                            org.apache.kafka.common.errors.UnknownTopicOrPartitionException.class);
        }
    }

    @Test
    void earliestConsumerStartsAtLogStart() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            createAndFill(admin, broker.bootstrapServers(), 10);
            deleteBefore(admin, 4);

            try (KafkaConsumer<String, String> consumer = broker.consumer()) {
                consumer.assign(List.of(PARTITION));

                assertThat(consumer.beginningOffsets(List.of(PARTITION))).containsEntry(PARTITION, 4L);
                List<ConsumerRecord<String, String>> records = pollAtLeast(consumer, 6);
                assertThat(records).extracting(ConsumerRecord::offset).containsExactly(4L, 5L, 6L, 7L, 8L, 9L);
                assertThat(records.get(0).value()).isEqualTo("v4");
            }
        }
    }

    @Test
    void consumerBelowLogStartIsReset() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            createAndFill(admin, broker.bootstrapServers(), 10);
            deleteBefore(admin, 4);

            try (KafkaConsumer<String, String> consumer = broker.consumer()) {
                consumer.assign(List.of(PARTITION));
                consumer.seek(PARTITION, 1);

                List<ConsumerRecord<String, String>> records = pollAtLeast(consumer, 6);
                assertThat(records.get(0).offset()).isEqualTo(4);
            }
        }
    }

    @Test
    void consumerBelowLogStartWithoutResetFails() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            createAndFill(admin, broker.bootstrapServers(), 10);
            deleteBefore(admin, 4);

            try (KafkaConsumer<String, String> consumer = broker.consumer(
                    Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none"))) {
                consumer.assign(List.of(PARTITION));
                consumer.seek(PARTITION, 1);

                OffsetOutOfRangeException error = pollUntilOutOfRange(consumer);
                assertThat(error.offsetOutOfRangePartitions()).containsEntry(PARTITION, 1L);
            }
        }
    }

    @Test
    void logStartSurvivesCleanRestart() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            try (Admin admin = broker.admin()) {
                createAndFill(admin, broker.bootstrapServers(), 10);
                deleteBefore(admin, 7);
            }

            broker.restart();

            try (Admin admin = broker.admin()) {
                assertThat(admin.listOffsets(Map.of(PARTITION, OffsetSpec.earliest())).partitionResult(PARTITION)
                        .get().offset()).isEqualTo(7);
            }
        }
    }

    @Test
    void logStartSurvivesSigkill() throws Exception {
        try (BrokerProcess broker = new BrokerProcess(dataDir.resolve("data"), BrokerProcess.freePort())) {
            broker.start();
            try (Admin admin = admin(broker.bootstrapServers())) {
                createAndFill(admin, broker.bootstrapServers(), 10);
                assertThat(deleteBefore(admin, 6)).isEqualTo(6);
            }

            broker.kill();
            broker.start();

            try (Admin admin = admin(broker.bootstrapServers())) {
                assertThat(admin.listOffsets(Map.of(PARTITION, OffsetSpec.earliest())).partitionResult(PARTITION)
                        .get().offset()).isEqualTo(6);
                assertThat(admin.listOffsets(Map.of(PARTITION, OffsetSpec.latest())).partitionResult(PARTITION)
                        .get().offset()).isEqualTo(10);
            }
        }
    }

    /** Creates the one-partition topic and writes {@code count} records with values v0, v1, ... */
    private static void createAndFill(Admin admin, String bootstrapServers, int count) throws Exception {
        admin.createTopics(List.of(new NewTopic(PARTITION.topic(), 1, (short) 1))).all().get();
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(),
                new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(PARTITION.topic(), 0, "k" + i, "v" + i)).get();
            }
        }
    }

    private static long deleteBefore(Admin admin, long offset) throws Exception {
        return admin.deleteRecords(Map.of(PARTITION, RecordsToDelete.beforeOffset(offset)))
                .lowWatermarks().get(PARTITION).get(15, TimeUnit.SECONDS).lowWatermark();
    }

    private static Admin admin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
        return Admin.create(props);
    }

    /** Polls for at most 15 s until {@code count} records arrived. */
    private static List<ConsumerRecord<String, String>> pollAtLeast(KafkaConsumer<String, String> consumer,
                                                                   int count) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        assertThat(records).hasSizeGreaterThanOrEqualTo(count);
        return records;
    }

    /** Polls for at most 15 s until the consumer throws {@link OffsetOutOfRangeException}. */
    private static OffsetOutOfRangeException pollUntilOutOfRange(KafkaConsumer<String, String> consumer) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (System.nanoTime() < deadline) {
            try {
                assertThat(consumer.poll(Duration.ofMillis(200))).isEmpty();
            } catch (OffsetOutOfRangeException e) {
                return e;
            }
        }
        throw new AssertionError("The consumer did not report OffsetOutOfRangeException within 15 s");
    }
}
