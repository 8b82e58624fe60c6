package io.tributary.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.it.support.TestBroker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DeleteConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.GroupSubscribedToTopicException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Consumer group administration through kafka-clients' Admin and Kafka 4.4's {@code kafka-consumer-groups}
 * tool (ConsumerGroupCommand), against a group with a real subscribed consumer.
 */
class GroupAdminTest {

    private static final String GROUP = "billing";
    private static final String SUBSCRIBED = "orders";
    private static final String OTHER = "payments";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final long TOOL_TIMEOUT_SECONDS = 120;

    @TempDir
    Path dataDir;

    @TempDir
    Path toolDir;

    private static void createTopicsWithRecords(TestBroker broker) throws Exception {
        try (Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic(SUBSCRIBED, 2, (short) 1), new NewTopic(OTHER, 1, (short) 1)))
                    .all().get();
        }
        try (KafkaProducer<String, String> producer = broker.producer()) {
            for (int i = 0; i < 20; i++) {
                producer.send(new ProducerRecord<>(SUBSCRIBED, i % 2, "key-" + i, "value-" + i));
                producer.send(new ProducerRecord<>(OTHER, "key-" + i, "value-" + i));
            }
            producer.flush();
        }
    }

    /** Starts a classic-protocol consumer that subscribes to {@link #SUBSCRIBED} and owns both partitions. */
    private static KafkaConsumer<String, String> subscribedConsumer(TestBroker broker) {
        KafkaConsumer<String, String> consumer = broker.consumer(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, GROUP,
                ConsumerConfig.GROUP_PROTOCOL_CONFIG, "classic",
                ConsumerConfig.CLIENT_ID_CONFIG, "billing-client",
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 10_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 500));
        consumer.subscribe(List.of(SUBSCRIBED));
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (consumer.assignment().size() < 2 && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(100));
        }
        assertThat(consumer.assignment()).as("partitions of the subscribed consumer").hasSize(2);
        consumer.commitSync(Map.of(
                new TopicPartition(SUBSCRIBED, 0), new OffsetAndMetadata(5),
                new TopicPartition(SUBSCRIBED, 1), new OffsetAndMetadata(6),
                new TopicPartition(OTHER, 0), new OffsetAndMetadata(7)));
        return consumer;
    }

    @Test
    void adminListsDescribesAndDeletesConsumerGroup() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            createTopicsWithRecords(broker);
            try (KafkaConsumer<String, String> consumer = subscribedConsumer(broker)) {
                Collection<GroupListing> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get();
                assertThat(groups).hasSize(1);
                GroupListing listing = groups.iterator().next();
                assertThat(listing.groupId()).isEqualTo(GROUP);
                assertThat(listing.type()).contains(GroupType.CLASSIC);
                assertThat(listing.groupState()).contains(GroupState.STABLE);
                assertThat(listing.protocol()).isEqualTo("consumer");

                ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(GROUP))
                        .describedGroups().get(GROUP).get();
                assertThat(description.groupState()).isEqualTo(GroupState.STABLE);
                assertThat(description.type()).isEqualTo(GroupType.CLASSIC);
                assertThat(description.partitionAssignor()).isEqualTo("range");
                assertThat(description.members()).hasSize(1);
                MemberDescription member = description.members().iterator().next();
                assertThat(member.clientId()).isEqualTo("billing-client");
                assertThat(member.host()).isEqualTo("/127.0.0.1");
                assertThat(member.assignment().topicPartitions()).containsExactlyInAnyOrder(
                        new TopicPartition(SUBSCRIBED, 0), new TopicPartition(SUBSCRIBED, 1));

                DeleteConsumerGroupOffsetsResult offsetsDeleted = admin.deleteConsumerGroupOffsets(GROUP,
                        Set.of(new TopicPartition(SUBSCRIBED, 0), new TopicPartition(OTHER, 0)));
                assertThatThrownBy(() -> offsetsDeleted.partitionResult(new TopicPartition(SUBSCRIBED, 0)).get())
                        .hasCauseInstanceOf(GroupSubscribedToTopicException.class);
                offsetsDeleted.partitionResult(new TopicPartition(OTHER, 0)).get();
                Map<TopicPartition, OffsetAndMetadata> remaining = admin.listConsumerGroupOffsets(GROUP)
                        .partitionsToOffsetAndMetadata().get();
                assertThat(remaining).containsOnlyKeys(new TopicPartition(SUBSCRIBED, 0),
                        new TopicPartition(SUBSCRIBED, 1));

                assertThatThrownBy(() -> admin.deleteConsumerGroups(List.of(GROUP)).all().get())
                        .hasCauseInstanceOf(GroupNotEmptyException.class);
            }

            ConsumerGroupDescription empty = admin.describeConsumerGroups(List.of(GROUP))
                    .describedGroups().get(GROUP).get();
            assertThat(empty.groupState()).isEqualTo(GroupState.EMPTY);
            assertThat(empty.members()).isEmpty();

            admin.deleteConsumerGroups(List.of(GROUP)).all().get();

            assertThat(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get()).isEmpty();
            assertThat(admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get()).isEmpty();
            assertThatThrownBy(() -> admin.deleteConsumerGroups(List.of(GROUP)).all().get())
                    .hasCauseInstanceOf(GroupIdNotFoundException.class);
            assertThatThrownBy(() -> admin.describeConsumerGroups(List.of(GROUP)).describedGroups().get(GROUP).get())
                    .hasCauseInstanceOf(GroupIdNotFoundException.class);
        }
    }

    @Test
    void deletedGroupOffsetsStayDeletedAfterRestart() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            createTopicsWithRecords(broker);
            try (KafkaConsumer<String, String> consumer = subscribedConsumer(broker)) {
                assertThat(consumer.assignment()).hasSize(2);
            }
            try (Admin admin = broker.admin()) {
                admin.deleteConsumerGroups(List.of(GROUP)).all().get();
            }

            broker.restart();

            try (Admin admin = broker.admin()) {
                assertThat(admin.listGroups().all().get()).isEmpty();
                assertThat(admin.listConsumerGroupOffsets(GROUP).partitionsToOffsetAndMetadata().get()).isEmpty();
            }
        }
    }

    @Test
    void consumerGroupCommandListsAndDescribes() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            createTopicsWithRecords(broker);
            try (KafkaConsumer<String, String> consumer = subscribedConsumer(broker)) {
                ToolRun list = runConsumerGroupCommand(broker, "--list");
                assertThat(list.exitCode()).as("exit code of --list, errors:%n%s", list.errors()).isZero();
                assertThat(list.output().lines()).contains(GROUP);

                ToolRun describe = runConsumerGroupCommand(broker, "--describe", "--group", GROUP);
                assertThat(describe.exitCode()).as("exit code of --describe, errors:%n%s", describe.errors())
                        .isZero();
                assertThat(describe.output()).contains(SUBSCRIBED, "billing-client", "/127.0.0.1");

                ToolRun members = runConsumerGroupCommand(broker, "--describe", "--group", GROUP, "--members");
                assertThat(members.exitCode()).as("exit code of --members, errors:%n%s", members.errors()).isZero();
                assertThat(members.output()).contains("billing-client");
            }
        }
    }

    /** A finished tool: its exit code, standard output and standard error. */
    private record ToolRun(int exitCode, String output, String errors) {
    }

    /**
     * Runs Kafka 4.4's ConsumerGroupCommand through {@code kafka-ref/run} and returns its exit code and output.
     * Standard error is kept apart because {@code kafka-ref/run} reports there when it first fetches the jars.
     */
    private ToolRun runConsumerGroupCommand(TestBroker broker, String... args) throws IOException,
            InterruptedException {
        Path repositoryRoot = Path.of(System.getProperty("user.dir")).resolve("..").toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(repositoryRoot.resolve("kafka-ref/run").toString(),
                "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand",
                "--bootstrap-server", broker.bootstrapServers()));
        command.addAll(List.of(args));
        Path outputFile = Files.createTempFile(toolDir, "consumer-groups", ".out");
        Path errorFile = Files.createTempFile(toolDir, "consumer-groups", ".err");
        Process process = new ProcessBuilder(command)
                .redirectOutput(outputFile.toFile())
                .redirectError(errorFile.toFile())
                .start();
        if (!process.waitFor(TOOL_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("ConsumerGroupCommand " + String.join(" ", args) + " did not finish within "
                    + TOOL_TIMEOUT_SECONDS + " s; output:\n" + Files.readString(outputFile, StandardCharsets.UTF_8)
                    + "\nerrors:\n" + Files.readString(errorFile, StandardCharsets.UTF_8));
        }
        return new ToolRun(process.exitValue(), Files.readString(outputFile, StandardCharsets.UTF_8),
                Files.readString(errorFile, StandardCharsets.UTF_8));
    }
}
