package io.tributary.broker.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.support.BrokerHarness;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.DescribeClusterRequest;
import io.tributary.protocol.message.DescribeClusterResponse;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.MetadataResponse;
import io.tributary.protocol.message.TopicIds;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataHandlerTest {

    @TempDir
    Path dataDir;

    private BrokerHarness harness;

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void allTopicsAreListedWithLeaderAndIds() throws IOException {
        harness = new BrokerHarness(dataDir);
        UUID topicId = harness.createTopic("orders", 2, Map.of());

        MetadataResponse response = harness.send(ApiKey.METADATA, 12, new MetadataRequest(null, false, false));

        assertThat(response.clusterId()).isEqualTo(BrokerHarness.CLUSTER_ID);
        assertThat(response.controllerId()).isEqualTo(1);
        assertThat(response.brokers()).containsExactly(new MetadataResponse.Broker(1, "127.0.0.1", 9092, null));
        MetadataResponse.TopicMetadata topic = response.topics().get(0);
        assertThat(topic.topicId()).isEqualTo(topicId);
        assertThat(topic.internal()).isFalse();
        assertThat(topic.partitions()).hasSize(2);
        assertThat(topic.partitions().get(1).leaderId()).isEqualTo(1);
        assertThat(topic.partitions().get(1).leaderEpoch()).isZero();
        assertThat(topic.partitions().get(1).isr()).containsExactly(1);
    }

    @Test
    void unknownTopicIsAutoCreated() throws IOException {
        harness = new BrokerHarness(dataDir);

        MetadataResponse.TopicMetadata topic = lookup("fresh", true);

        assertThat(topic.error()).isEqualTo(ErrorCode.NONE);
        assertThat(topic.partitions()).hasSize(BrokerConfig.DEFAULT_NUM_PARTITIONS);
        assertThat(harness.broker().metadata().topicId("fresh")).contains(topic.topicId());
    }

    @Test
    void autoCreationUsesNumPartitions() throws IOException {
        harness = new BrokerHarness(BrokerHarness.defaultConfig(dataDir)
                .withNumPartitions(4));

        assertThat(lookup("fresh", true).partitions()).hasSize(4);
    }

    @Test
    void clientCanForbidAutoCreation() throws IOException {
        harness = new BrokerHarness(dataDir);

        assertThat(lookup("fresh", false).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(harness.broker().metadata().topicId("fresh")).isEmpty();
    }

    @Test
    void brokerCanDisableAutoCreation() throws IOException {
        harness = new BrokerHarness(BrokerHarness.defaultConfig(dataDir)
                .withAutoCreateTopicsEnable(false));

        assertThat(lookup("fresh", true).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void illegalNameIsReported() throws IOException {
        harness = new BrokerHarness(dataDir);

        assertThat(lookup("bad/name", true).error()).isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
    }

    @Test
    void collidingNameIsReportedOnAutoCreation() throws IOException {
        harness = new BrokerHarness(dataDir);
        harness.createTopic("a.b", 1, Map.of());

        assertThat(lookup("a_b", true).error()).isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
    }

    @Test
    void unknownTopicIdIsReported() throws IOException {
        harness = new BrokerHarness(dataDir);

        MetadataResponse response = harness.send(ApiKey.METADATA, 12, new MetadataRequest(
                List.of(new MetadataRequest.TopicRef(UUID.randomUUID(), null)), true, false));

        assertThat(response.topics().get(0).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_ID);
    }

    @Test
    void topicCanBeFoundById() throws IOException {
        harness = new BrokerHarness(dataDir);
        UUID topicId = harness.createTopic("orders", 1, Map.of());

        MetadataResponse response = harness.send(ApiKey.METADATA, 12, new MetadataRequest(
                List.of(new MetadataRequest.TopicRef(topicId, null)), false, false));

        assertThat(response.topics().get(0).name()).isEqualTo("orders");
    }

    @Test
    void authorizedOperationsOnlyWhenRequested() throws IOException {
        harness = new BrokerHarness(dataDir);
        harness.createTopic("orders", 1, Map.of());

        MetadataResponse without = harness.send(ApiKey.METADATA, 12, new MetadataRequest(null, false, false));
        MetadataResponse with = harness.send(ApiKey.METADATA, 12, new MetadataRequest(null, false, true));

        assertThat(without.topics().get(0).topicAuthorizedOperations()).isEqualTo(Integer.MIN_VALUE);
        assertThat(with.topics().get(0).topicAuthorizedOperations()).isEqualTo(MetadataHandler.ALL_TOPIC_OPERATIONS);
    }

    @Test
    void describeClusterReturnsThisNode() throws IOException {
        harness = new BrokerHarness(dataDir);

        DescribeClusterResponse response = harness.send(ApiKey.DESCRIBE_CLUSTER, 1,
                new DescribeClusterRequest(false, (byte) 1, false));

        assertThat(response.error()).isEqualTo(ErrorCode.NONE);
        assertThat(response.clusterId()).isEqualTo(BrokerHarness.CLUSTER_ID);
        assertThat(response.brokers()).extracting(MetadataResponse.Broker::nodeId).containsExactly(1);
    }

    @Test
    void describeClusterRejectsControllerEndpoints() throws IOException {
        harness = new BrokerHarness(dataDir);

        DescribeClusterResponse response = harness.send(ApiKey.DESCRIBE_CLUSTER, 1,
                new DescribeClusterRequest(false, (byte) 2, false));

        assertThat(response.error()).isEqualTo(ErrorCode.UNSUPPORTED_VERSION);
    }

    private MetadataResponse.TopicMetadata lookup(String name, boolean allowAutoCreation) {
        MetadataResponse response = harness.send(ApiKey.METADATA, 12, new MetadataRequest(
                List.of(new MetadataRequest.TopicRef(TopicIds.ZERO, name)), allowAutoCreation, false));
        return response.topics().get(0);
    }
}
