package io.tributary.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.it.support.TestBroker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsOptions;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Topic administration and configuration through kafka-clients' Admin, and the rejection of transactions. */
class TopicAdminTest {

    @TempDir
    Path dataDir;

    @Test
    void createDescribeGrowAndDeleteTopic() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 2, (short) 1)
                    .configs(Map.of("retention.ms", "3600000")))).all().get();

            TopicDescription description = admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders");
            assertThat(description.partitions()).hasSize(2);
            assertThat(description.topicId()).isNotEqualTo(Uuid.ZERO_UUID);

            admin.createPartitions(Map.of("orders", NewPartitions.increaseTo(4))).all().get();
            assertThat(admin.describeTopics(List.of("orders")).allTopicNames().get().get("orders").partitions())
                    .hasSize(4);

            admin.deleteTopics(List.of("orders")).all().get();
            assertThat(admin.listTopics().names().get()).doesNotContain("orders");
        }
    }

    @Test
    void createErrorsReachTheClient() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1))).all().get();

            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1))).all().get())
                    .hasCauseInstanceOf(TopicExistsException.class);
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("replicated", 1, (short) 3))).all().get())
                    .hasCauseInstanceOf(InvalidReplicationFactorException.class);
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("configured", 1, (short) 1)
                    .configs(Map.of("cleanup.policy", "compact")))).all().get())
                    .hasCauseInstanceOf(InvalidConfigurationException.class);
            assertThatThrownBy(() -> admin.createTopics(List.of(new NewTopic("small-segments", 1, (short) 1)
                    .configs(Map.of("segment.bytes", "1048575")))).all().get())
                    .hasCauseInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("[1048576, 2147483647]");
        }
    }

    @Test
    void validateOnlyCreatesNothing() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("dry-run", 3, (short) 1)),
                    new CreateTopicsOptions().validateOnly(true)).all().get();

            assertThat(admin.listTopics().names().get()).doesNotContain("dry-run");
        }
    }

    @Test
    void describeConfigsReportsSources() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir, Map.of("log.segment.bytes", "2097152"));
             Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1)
                    .configs(Map.of("retention.ms", "3600000")))).all().get();
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, "orders");

            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);

            assertThat(config.get("retention.ms").value()).isEqualTo("3600000");
            assertThat(config.get("retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(config.get("segment.bytes").value()).isEqualTo("2097152");
            assertThat(config.get("segment.bytes").source()).isEqualTo(ConfigEntry.ConfigSource.STATIC_BROKER_CONFIG);
            assertThat(config.get("flush.messages").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        }
    }

    @Test
    void deletingUnknownTopicFails() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            assertThatThrownBy(() -> admin.deleteTopics(List.of("missing")).all().get())
                    .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
        }
    }

    @Test
    void topicsSurviveRestart() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            Uuid topicId;
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic("kept", 3, (short) 1))).all().get();
                topicId = admin.describeTopics(List.of("kept")).allTopicNames().get().get("kept").topicId();
            }

            broker.restart();

            try (Admin admin = broker.admin()) {
                TopicDescription description = admin.describeTopics(List.of("kept")).allTopicNames().get().get("kept");
                assertThat(description.topicId()).isEqualTo(topicId);
                assertThat(description.partitions()).hasSize(3);
            }
        }
    }

    @Test
    void missingTopicIdKeepsRecords() throws Exception {
        Uuid topicId;
        try (TestBroker broker = TestBroker.start(dataDir)) {
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic("unlabelled", 1, (short) 1))).all().get();
                topicId = admin.describeTopics(List.of("unlabelled")).allTopicNames().get().get("unlabelled").topicId();
            }
            try (KafkaProducer<String, String> producer = broker.producer()) {
                for (int i = 0; i < 3; i++) {
                    producer.send(new ProducerRecord<>("unlabelled", 0, "key", "value-" + i)).get();
                }
            }
        }
        Path metadataFile = dataDir.resolve("unlabelled-0").resolve("partition.metadata");
        Files.delete(metadataFile);

        try (TestBroker broker = TestBroker.start(dataDir)) {
            try (Admin admin = broker.admin()) {
                assertThat(admin.describeTopics(List.of("unlabelled")).allTopicNames().get().get("unlabelled").topicId())
                        .isEqualTo(topicId);
            }
            List<String> values = new ArrayList<>();
            try (KafkaConsumer<String, String> consumer = broker.consumer()) {
                TopicPartition partition = new TopicPartition("unlabelled", 0);
                consumer.assign(List.of(partition));
                consumer.seekToBeginning(List.of(partition));
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (values.size() < 3 && System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200)).forEach(record -> values.add(record.value()));
                }
            }
            assertThat(values).containsExactly("value-0", "value-1", "value-2");
            assertThat(metadataFile).exists();
        }
    }

    @Test
    void transactionalProducerFailsAtOnce() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir);
             KafkaProducer<String, String> producer = broker.producer(Map.of(
                     ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-1", ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000))) {
            // A retriable error would make the client retry until max.block.ms and then raise a timeout.
            assertThatThrownBy(producer::initTransactions)
                    .isInstanceOf(KafkaException.class)
                    .isNotInstanceOf(TimeoutException.class);
        }
    }

}
