package io.tributary.broker;

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
import io.tributary.protocol.message.DescribeConfigsRequest;
import io.tributary.protocol.message.DescribeConfigsResponse;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.message.ListOffsetsResponse;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.MetadataResponse;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.protocol.message.TopicIds;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Requests with values a well-behaved client never sends get error codes, never exceptions. */
class HostileRequestsTest {

    @RegisterExtension
    final BrokerHarness harness = BrokerHarness.perTest().withTopic("orders", 1);

    @Test
    void metadataWithoutNameOrId() {
        MetadataResponse response = harness.send(ApiKey.METADATA, 12, new MetadataRequest(
                List.of(new MetadataRequest.TopicRef(null, null)), true, false));

        assertThat(response.topics().get(0).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_ID);
    }

    @Test
    void createTopicWithoutName() {
        CreateTopicsResponse response = harness.send(ApiKey.CREATE_TOPICS, 7, new CreateTopicsRequest(
                List.of(new CreateTopicsRequest.Topic(null, 1, (short) 1, null, null)), 1000, false));

        assertThat(response.topics().get(0).error()).isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
    }

    @Test
    void createTopicWithHugePartitionCount() {
        CreateTopicsResponse response = harness.send(ApiKey.CREATE_TOPICS, 7, new CreateTopicsRequest(
                List.of(new CreateTopicsRequest.Topic("huge", Integer.MAX_VALUE, (short) 1, List.of(), Map.of())),
                1000, false));

        assertThat(response.topics().get(0).error()).isEqualTo(ErrorCode.INVALID_PARTITIONS);
    }

    @Test
    void createPartitionsWithNullReplicaList() {
        CreatePartitionsResponse response = harness.send(ApiKey.CREATE_PARTITIONS, 3, new CreatePartitionsRequest(
                List.of(new CreatePartitionsRequest.Topic("orders", 2, Arrays.asList((List<Integer>) null))), 1000,
                false));

        assertThat(response.results().get(0).error()).isEqualTo(ErrorCode.INVALID_REPLICA_ASSIGNMENT);
    }

    @Test
    void deleteTopicWithoutNameOrId() {
        DeleteTopicsResponse response = harness.send(ApiKey.DELETE_TOPICS, 6, new DeleteTopicsRequest(
                List.of(new MetadataRequest.TopicRef(null, null)), 1000));

        assertThat(response.responses().get(0).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_ID);
    }

    @Test
    void deleteTopicByNameAndId() {
        DeleteTopicsResponse response = harness.send(ApiKey.DELETE_TOPICS, 6, new DeleteTopicsRequest(List.of(
                new MetadataRequest.TopicRef(harness.broker().metadata().topicId("orders").orElseThrow(), "orders")),
                1000));

        assertThat(response.responses().get(0).error()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void describeConfigsWithoutName() {
        DescribeConfigsResponse response = harness.send(ApiKey.DESCRIBE_CONFIGS, 4, new DescribeConfigsRequest(
                List.of(new DescribeConfigsRequest.Resource(DescribeConfigsRequest.RESOURCE_TOPIC, null, null)),
                false, false));

        assertThat(response.results().get(0).error()).isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
    }

    @Test
    void fetchWithNegativePartitionAndLimits() {
        FetchResponse response = harness.send(ApiKey.FETCH, 12, new FetchRequest(-1, -5, -5, -5, (byte) 7, 0, -1,
                List.of(new FetchRequest.FetchTopic("orders", null, List.of(
                        new FetchRequest.FetchPartition(-1, -1, -10, -1, -1, -10),
                        new FetchRequest.FetchPartition(0, -1, -10, -1, -1, -10)))), List.of(), null));

        assertThat(response.topics().get(0).partitions()).extracting(FetchResponse.PartitionData::error)
                .containsExactly(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ErrorCode.OFFSET_OUT_OF_RANGE);
    }

    @Test
    void fetchByTopicIdWithZeroId() {
        FetchResponse response = harness.send(ApiKey.FETCH, 13, new FetchRequest(-1, 0, 1, 1024, (byte) 0, 0, -1,
                List.of(new FetchRequest.FetchTopic(null, TopicIds.ZERO, List.of(
                        new FetchRequest.FetchPartition(0, -1, 0, -1, -1, 1024)))), List.of(), null));

        assertThat(response.topics().get(0).partitions().get(0).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_ID);
    }

    @Test
    void listOffsetsWithoutTopicName() {
        ListOffsetsResponse response = harness.send(ApiKey.LIST_OFFSETS, 7, new ListOffsetsRequest(-1, (byte) 0,
                List.of(new ListOffsetsRequest.Topic(null, List.of(new ListOffsetsRequest.Partition(0, -1, -1))))));

        assertThat(response.topics().get(0).partitions().get(0).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void produceWithEmptyRecords() {
        ProduceResponse response = harness.send(ApiKey.PRODUCE, 9, new ProduceRequest(null, (short) -1, 1000, List.of(
                new ProduceRequest.TopicData("orders", null, List.of(
                        new ProduceRequest.PartitionData(0, ByteBuffer.allocate(0)))))));

        assertThat(response.topics().get(0).partitions().get(0).error()).isNotEqualTo(ErrorCode.NONE);
        assertThat(response.topics().get(0).partitions().get(0).error()).isNotEqualTo(ErrorCode.UNKNOWN_SERVER_ERROR);
    }

    @Test
    void produceWithGarbageRecords() {
        ByteBuffer garbage = ByteBuffer.wrap(new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17});

        ProduceResponse response = harness.send(ApiKey.PRODUCE, 9, new ProduceRequest(null, (short) -1, 1000, List.of(
                new ProduceRequest.TopicData("orders", null, List.of(new ProduceRequest.PartitionData(0, garbage))))));

        assertThat(response.topics().get(0).partitions().get(0).error())
                .isIn(ErrorCode.CORRUPT_MESSAGE, ErrorCode.INVALID_RECORD);
    }
}
