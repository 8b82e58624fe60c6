package io.tributary.it.clients;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.TestBroker;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Consumers that subscribe() in a group: partition sharing, commits and restarts of the broker. */
class ConsumerGroupTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @TempDir
    Path dataDir;

    private static void createTopic(TestBroker broker, String name, int partitions) throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(name, partitions, (short) 1))).all().get();
        }
    }

    private static void produce(TestBroker broker, String topic, int count) throws Exception {
        try (KafkaProducer<String, String> producer = broker.producer()) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, "key-" + i, "value-" + i));
            }
            producer.flush();
        }
    }

    private static Map<String, Object> groupSettings(String group) {
        return Map.of(ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500);
    }

    @Test
    void twoConsumersSharePartitions() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            createTopic(broker, "shared", 4);
            produce(broker, "shared", 400);

            try (KafkaConsumer<String, String> first = broker.consumer(groupSettings("sharing"));
                 KafkaConsumer<String, String> second = broker.consumer(groupSettings("sharing"))) {
                first.subscribe(List.of("shared"));
                second.subscribe(List.of("shared"));
                Set<String> values = new HashSet<>();
                long deadline = System.nanoTime() + TIMEOUT.toNanos();
                while ((first.assignment().size() + second.assignment().size() != 4
                        || first.assignment().isEmpty() || second.assignment().isEmpty()
                        || values.size() < 400) && System.nanoTime() < deadline) {
                    first.poll(Duration.ofMillis(100)).forEach(r -> values.add(r.value()));
                    second.poll(Duration.ofMillis(100)).forEach(r -> values.add(r.value()));
                }

                assertThat(first.assignment()).as("first consumer's partitions").hasSize(2);
                assertThat(second.assignment()).as("second consumer's partitions").hasSize(2);
                assertThat(first.assignment()).doesNotContainAnyElementsOf(second.assignment());
                assertThat(values).hasSize(400);
            }
        }
    }

    @Test
    void restartKeepsTopicsRecordsAndCommits() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            createTopic(broker, "durable", 2);
            produce(broker, "durable", 100);
            String topicId;
            try (Admin admin = broker.admin()) {
                topicId = admin.describeTopics(List.of("durable")).allTopicNames().get().get("durable")
                        .topicId().toString();
            }
            try (KafkaConsumer<String, String> consumer = broker.consumer(groupSettings("resume"))) {
                consumer.subscribe(List.of("durable"));
                List<ConsumerRecord<String, String>> received = Records.poll(consumer, 100, TIMEOUT);
                assertThat(received).hasSize(100);
                consumer.commitSync();
            }

            broker.restart();

            try (Admin admin = broker.admin()) {
                assertThat(admin.describeTopics(List.of("durable")).allTopicNames().get().get("durable")
                        .topicId().toString()).as("topic id after restart").isEqualTo(topicId);
                Map<TopicPartition, OffsetAndMetadata> committed =
                        admin.listConsumerGroupOffsets("resume").partitionsToOffsetAndMetadata().get();
                long total = committed.values().stream().mapToLong(OffsetAndMetadata::offset).sum();
                assertThat(total).as("sum of committed offsets after restart").isEqualTo(100L);
            }
            try (KafkaConsumer<String, String> consumer = broker.consumer()) {
                List<TopicPartition> partitions = List.of(new TopicPartition("durable", 0),
                        new TopicPartition("durable", 1));
                consumer.assign(partitions);
                assertThat(Records.poll(consumer, 100, TIMEOUT)).as("records after restart").hasSize(100);
            }
            produce(broker, "durable", 10);
            try (KafkaConsumer<String, String> consumer = broker.consumer(groupSettings("resume"))) {
                consumer.subscribe(List.of("durable"));
                List<ConsumerRecord<String, String>> received = Records.poll(consumer, 10, TIMEOUT);

                assertThat(received).as("only records after the commit").hasSize(10);
                assertThat(consumer.poll(Duration.ofMillis(500))).isEmpty();
            }
        }
    }
}
