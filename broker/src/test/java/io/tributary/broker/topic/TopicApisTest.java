package io.tributary.broker.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.support.BrokerHarness;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.CreatePartitionsRequest;
import io.tributary.protocol.message.CreatePartitionsResponse;
import io.tributary.protocol.message.CreateTopicsRequest;
import io.tributary.protocol.message.CreateTopicsResponse;
import io.tributary.protocol.message.DeleteTopicsRequest;
import io.tributary.protocol.message.DeleteTopicsResponse;
import io.tributary.protocol.message.DescribeConfigsResponse;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.TopicIds;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class TopicApisTest {

    @RegisterExtension
    final BrokerHarness harness = BrokerHarness.perTest();

    @Test
    void createReportsPartitionsFactorAndConfigs() {
        CreateTopicsResponse.Result result = create(topic("orders", 3, 1, Map.of("retention.ms", "1000")), false);

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.topicId()).isNotEqualTo(TopicIds.ZERO);
        assertThat(result.numPartitions()).isEqualTo(3);
        assertThat(result.replicationFactor()).isEqualTo((short) 1);
        assertThat(result.configs()).anySatisfy(entry -> {
            assertThat(entry.name()).isEqualTo("retention.ms");
            assertThat(entry.value()).isEqualTo("1000");
            assertThat(entry.source()).isEqualTo(DescribeConfigsResponse.SOURCE_DYNAMIC_TOPIC);
        });
    }

    @Test
    void minusOneUsesBrokerDefaults() {
        CreateTopicsResponse.Result result = create(topic("defaults", -1, -1, Map.of()), false);

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.numPartitions()).isEqualTo(1);
        assertThat(result.replicationFactor()).isEqualTo((short) 1);
    }

    @Test
    void validateOnlyCreatesNothing() {
        CreateTopicsResponse.Result result = create(topic("dry", 2, 1, Map.of()), true);

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.numPartitions()).isEqualTo(2);
        assertThat(harness.broker().metadata().topicId("dry")).isEmpty();
    }

    @Test
    void existingTopicIsRejected() {
        create(topic("orders", 1, 1, Map.of()), false);

        assertThat(create(topic("orders", 1, 1, Map.of()), false).error()).isEqualTo(ErrorCode.TOPIC_ALREADY_EXISTS);
    }

    @Test
    void illegalNameIsRejected() {
        assertThat(create(topic("bad name", 1, 1, Map.of()), false).error())
                .isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
        assertThat(create(topic("..", 1, 1, Map.of()), false).error()).isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
    }

    @Test
    void collidingNameIsRejected() {
        create(topic("a.b", 1, 1, Map.of()), false);

        assertThat(create(topic("a_b", 1, 1, Map.of()), false).error()).isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
    }

    @Test
    void reservedNameIsRejected() {
        assertThat(create(topic("__consumer_offsets", 1, 1, Map.of()), false).error())
                .isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
    }

    @Test
    void nonPositivePartitionCountIsRejected() {
        assertThat(create(topic("zero", 0, 1, Map.of()), false).error()).isEqualTo(ErrorCode.INVALID_PARTITIONS);
        assertThat(create(topic("negative", -5, 1, Map.of()), false).error()).isEqualTo(ErrorCode.INVALID_PARTITIONS);
    }

    @Test
    void replicationFactorAboveOneIsRejected() {
        assertThat(create(topic("replicated", 1, 3, Map.of()), false).error())
                .isEqualTo(ErrorCode.INVALID_REPLICATION_FACTOR);
    }

    @Test
    void assignmentToOtherBrokerIsRejected() {
        CreateTopicsRequest.Topic assigned = new CreateTopicsRequest.Topic("assigned", -1, (short) -1,
                List.of(new CreateTopicsRequest.Assignment(0, List.of(2))), Map.of());

        assertThat(create(assigned, false).error()).isEqualTo(ErrorCode.INVALID_REPLICA_ASSIGNMENT);
    }

    @Test
    void assignmentToThisBrokerCreatesPartitions() {
        CreateTopicsRequest.Topic assigned = new CreateTopicsRequest.Topic("assigned", -1, (short) -1, List.of(
                new CreateTopicsRequest.Assignment(0, List.of(1)), new CreateTopicsRequest.Assignment(1, List.of(1))),
                Map.of());

        CreateTopicsResponse.Result result = create(assigned, false);

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.numPartitions()).isEqualTo(2);
    }

    @Test
    void invalidConfigIsRejectedWithMessage() {
        CreateTopicsResponse.Result result = create(topic("configured", 1, 1, Map.of("segment.bytes", "10")), false);

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(result.errorMessage()).contains("segment.bytes").contains("10");
    }

    @Test
    void segmentBytesBelowOneMebibyteIsRejected() {
        CreateTopicsResponse.Result rejected = create(
                topic("below-minimum", 1, 1, Map.of("segment.bytes", "1048575")), false);
        CreateTopicsResponse.Result accepted = create(
                topic("at-minimum", 1, 1, Map.of("segment.bytes", "1048576")), false);

        assertThat(rejected.error()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(rejected.errorMessage()).contains("[1048576, 2147483647]");
        assertThat(accepted.error()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void topicNamedTwiceIsRejected() {
        CreateTopicsResponse response = harness.send(ApiKey.CREATE_TOPICS, 7, new CreateTopicsRequest(
                List.of(topic("twice", 1, 1, Map.of()), topic("twice", 1, 1, Map.of())), 1000, false));

        assertThat(response.topics()).extracting(CreateTopicsResponse.Result::error)
                .containsExactly(ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST);
    }

    @Test
    void createPartitionsRaisesCount() {
        create(topic("orders", 1, 1, Map.of()), false);

        assertThat(createPartitions("orders", 3, false).error()).isEqualTo(ErrorCode.NONE);
        assertThat(harness.broker().metadata().image().topic("orders").orElseThrow().partitionCount()).isEqualTo(3);
        assertThat(harness.produce("orders", 2, "new partition").error()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void createPartitionsValidateOnlyChangesNothing() {
        create(topic("orders", 1, 1, Map.of()), false);

        assertThat(createPartitions("orders", 3, true).error()).isEqualTo(ErrorCode.NONE);
        assertThat(harness.broker().metadata().image().topic("orders").orElseThrow().partitionCount()).isEqualTo(1);
    }

    @Test
    void createPartitionsRejectsCountNotAboveCurrent() {
        create(topic("orders", 2, 1, Map.of()), false);

        assertThat(createPartitions("orders", 2, false).error()).isEqualTo(ErrorCode.INVALID_PARTITIONS);
        assertThat(createPartitions("orders", 1, false).error()).isEqualTo(ErrorCode.INVALID_PARTITIONS);
    }

    @Test
    void createPartitionsRejectsUnknownTopic() {
        assertThat(createPartitions("missing", 2, false).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void createPartitionsRejectsBadAssignment() {
        create(topic("orders", 1, 1, Map.of()), false);
        CreatePartitionsResponse response = harness.send(ApiKey.CREATE_PARTITIONS, 3, new CreatePartitionsRequest(
                List.of(new CreatePartitionsRequest.Topic("orders", 3, List.of(List.of(1)))), 1000, false));

        assertThat(response.results().get(0).error()).isEqualTo(ErrorCode.INVALID_REPLICA_ASSIGNMENT);
    }

    @Test
    void deleteByNameRemovesTopicAndLogs() {
        create(topic("orders", 2, 1, Map.of()), false);
        harness.produce("orders", 0, "a");

        DeleteTopicsResponse response = delete(new MetadataRequest.TopicRef(TopicIds.ZERO, "orders"));

        assertThat(response.responses().get(0).error()).isEqualTo(ErrorCode.NONE);
        assertThat(harness.broker().metadata().topicId("orders")).isEmpty();
        assertThat(harness.broker().logManager().log("orders", 0)).isEmpty();
    }

    @Test
    void deleteByIdRemovesTopic() {
        UUID topicId = create(topic("orders", 1, 1, Map.of()), false).topicId();

        DeleteTopicsResponse response = delete(new MetadataRequest.TopicRef(topicId, null));

        assertThat(response.responses().get(0).error()).isEqualTo(ErrorCode.NONE);
        assertThat(response.responses().get(0).name()).isEqualTo("orders");
    }

    @Test
    void deleteUnknownNameIsReported() {
        DeleteTopicsResponse response = delete(new MetadataRequest.TopicRef(TopicIds.ZERO, "missing"));

        assertThat(response.responses().get(0).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void deleteUnknownIdIsReported() {
        DeleteTopicsResponse response = delete(new MetadataRequest.TopicRef(UUID.randomUUID(), null));

        assertThat(response.responses().get(0).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_ID);
    }

    @Test
    void recreatedTopicStartsEmptyWithNewId() {
        UUID first = create(topic("orders", 1, 1, Map.of()), false).topicId();
        harness.produce("orders", 0, "old");
        delete(new MetadataRequest.TopicRef(TopicIds.ZERO, "orders"));

        UUID second = create(topic("orders", 1, 1, Map.of()), false).topicId();

        assertThat(second).isNotEqualTo(first);
        assertThat(harness.produce("orders", 0, "new").baseOffset()).isZero();
    }

    @Test
    void topicsAndLogsSurviveRestart() throws IOException {
        UUID topicId = create(topic("orders", 2, 1, Map.of("retention.ms", "5000")), false).topicId();
        harness.produce("orders", 1, "kept");

        harness.restart();

        assertThat(harness.broker().metadata().topicId("orders")).contains(topicId);
        assertThat(harness.produce("orders", 1, "after").baseOffset()).isEqualTo(1);
    }

    @Test
    void topicSettingsApplyToLogsAfterRestart() throws IOException {
        create(topic("small-segments", 1, 1, Map.of("segment.bytes", "2097152")), false);

        harness.restart();

        assertThat(harness.broker().logManager().log("small-segments", 0).orElseThrow().config().segmentBytes())
                .isEqualTo(2_097_152);
    }

    private CreateTopicsResponse.Result create(CreateTopicsRequest.Topic topic, boolean validateOnly) {
        CreateTopicsResponse response = harness.send(ApiKey.CREATE_TOPICS, 7,
                new CreateTopicsRequest(List.of(topic), 1000, validateOnly));
        return response.topics().get(0);
    }

    private CreatePartitionsResponse.Result createPartitions(String name, int count, boolean validateOnly) {
        CreatePartitionsResponse response = harness.send(ApiKey.CREATE_PARTITIONS, 3, new CreatePartitionsRequest(
                List.of(new CreatePartitionsRequest.Topic(name, count, null)), 1000, validateOnly));
        return response.results().get(0);
    }

    private DeleteTopicsResponse delete(MetadataRequest.TopicRef ref) {
        return harness.send(ApiKey.DELETE_TOPICS, 6, new DeleteTopicsRequest(List.of(ref), 1000));
    }

    private static CreateTopicsRequest.Topic topic(String name, int partitions, int factor, Map<String, String> configs) {
        return new CreateTopicsRequest.Topic(name, partitions, (short) factor, List.of(), configs);
    }
}
