package io.tributary.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiVersionTable;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.message.ApiResponse;
import io.tributary.protocol.message.ApiVersionsResponse;
import io.tributary.protocol.message.CreatePartitionsResponse;
import io.tributary.protocol.message.CreateTopicsResponse;
import io.tributary.protocol.message.DeleteRecordsResponse;
import io.tributary.protocol.message.DeleteGroupsResponse;
import io.tributary.protocol.message.DeleteTopicsResponse;
import io.tributary.protocol.message.DescribeClusterResponse;
import io.tributary.protocol.message.AlterConfigsResponse;
import io.tributary.protocol.message.DescribeAclsResponse;
import io.tributary.protocol.message.DescribeConfigsResponse;
import io.tributary.protocol.message.DescribeGroupsResponse;
import io.tributary.protocol.message.IncrementalAlterConfigsResponse;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.FindCoordinatorResponse;
import io.tributary.protocol.message.HeartbeatResponse;
import io.tributary.protocol.message.InitProducerIdResponse;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.LeaveGroupResponse;
import io.tributary.protocol.message.ListGroupsResponse;
import io.tributary.protocol.message.ListOffsetsResponse;
import io.tributary.protocol.message.MetadataResponse;
import io.tributary.protocol.message.OffsetCommitResponse;
import io.tributary.protocol.message.OffsetDeleteResponse;
import io.tributary.protocol.message.OffsetFetchResponse;
import io.tributary.protocol.message.OffsetForLeaderEpochResponse;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.protocol.message.RecordsPayload;
import io.tributary.protocol.message.SyncGroupResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractResponse;
import org.junit.jupiter.api.Test;

class KafkaResponseEncoderTest {

    private static final UUID TOPIC_ID = UUID.fromString("0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
    private static final MetadataResponse.Broker BROKER = new MetadataResponse.Broker(1, "127.0.0.1", 9092, null);

    private final KafkaResponseEncoder encoder = new KafkaResponseEncoder();

    @Test
    void everyResponseParsesBackAtEveryAcceptedVersion() {
        for (ApiKey key : ApiKey.values()) {
            ApiVersionTable.VersionRange range = ApiVersionTable.accepted(key);
            for (short version = range.min(); version <= range.max(); version++) {
                int correlationId = 1000 + version;
                ResponseFrame frame = encoder.encode(new RequestHeader(key, version, correlationId, "c"), sample(key));
                ByteBuffer bytes = KafkaWire.bytes(frame);

                AbstractResponse parsed = KafkaWire.parseResponse(bytes, ApiKeys.forId(key.id()), version,
                        correlationId);

                assertThat(parsed.apiKey().id).as("%s v%s", key, version).isEqualTo(key.id());
                assertThat(bytes.remaining()).as("%s v%s trailing bytes", key, version).isZero();
                check(key, version, parsed);
            }
        }
    }

    @Test
    void apiVersionsAdvertisesTable() {
        ApiVersionsResponse response = new ApiVersionsResponse(ErrorCode.NONE, null, 0);
        ByteBuffer bytes = KafkaWire.bytes(encoder.encode(new RequestHeader(ApiKey.API_VERSIONS, (short) 4, 3, "c"),
                response));

        var parsed = (org.apache.kafka.common.requests.ApiVersionsResponse)
                KafkaWire.parseResponse(bytes, ApiKeys.API_VERSIONS, (short) 4, 3);

        assertThat(parsed.data().apiKeys()).hasSize(ApiKey.values().length);
        ApiVersionsResponseData.ApiVersion produce = parsed.data().apiKeys().find(ApiKey.PRODUCE.id());
        assertThat(produce.minVersion()).isZero();
        assertThat(produce.maxVersion()).isEqualTo((short) 13);
        assertThat(parsed.data().finalizedFeaturesEpoch()).isEqualTo(-1L);
        assertThat(parsed.data().supportedFeatures()).isEmpty();
    }

    @Test
    void unsupportedApiVersionsAnswersAtVersionZero() {
        ByteBuffer bytes = KafkaWire.bytes(encoder.encodeUnsupportedApiVersions(77));

        var parsed = (org.apache.kafka.common.requests.ApiVersionsResponse)
                KafkaWire.parseResponse(bytes, ApiKeys.API_VERSIONS, (short) 0, 77);

        assertThat(parsed.data().errorCode()).isEqualTo(Errors.UNSUPPORTED_VERSION.code());
        assertThat(parsed.data().apiKeys()).hasSize(1);
        ApiVersionsResponseData.ApiVersion apiVersions = parsed.data().apiKeys().iterator().next();
        assertThat(apiVersions.apiKey()).isEqualTo(ApiKeys.API_VERSIONS.id);
        assertThat(apiVersions.minVersion()).isZero();
        assertThat(apiVersions.maxVersion()).isEqualTo((short) 5);
    }

    @Test
    void memoryRecordsTravelInOneBuffer() {
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord(5L, "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8)));
        FetchResponse response = fetch(new RecordsPayload.Memory(records.buffer()));

        ResponseFrame frame = encoder.encode(new RequestHeader(ApiKey.FETCH, (short) 12, 1, "c"), response);
        try {
            assertThat(frame.parts()).hasSize(1);
            assertThat(frame.parts().get(0)).isInstanceOf(ByteBuf.class);
            assertThat(((ByteBuf) frame.parts().get(0)).readableBytes()).isEqualTo((int) frame.sizeInBytes());
        } finally {
            frame.release();
        }
    }

    @Test
    void responseOfWrongApiIsRejected() {
        RequestHeader header = new RequestHeader(ApiKey.METADATA, (short) 12, 1, "c");

        assertThatThrownBy(() -> encoder.encode(header, new HeartbeatResponse(0, ErrorCode.NONE)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("METADATA");
    }

    private static FetchResponse fetch(RecordsPayload records) {
        return new FetchResponse(0, ErrorCode.NONE, 0, List.of(new FetchResponse.FetchableTopic("orders", TOPIC_ID,
                List.of(new FetchResponse.PartitionData(0, ErrorCode.NONE, 1L, 1L, 0L, -1, records)))));
    }

    private static ApiResponse sample(ApiKey key) {
        return switch (key) {
            case PRODUCE -> new ProduceResponse(List.of(new ProduceResponse.TopicResponse("orders", TOPIC_ID,
                    List.of(new ProduceResponse.PartitionResponse(2, ErrorCode.INVALID_RECORD, -1L, -1L, 0L,
                            List.of(new ProduceResponse.RecordError(1, "bad record")), "rejected")))), 0);
            case FETCH -> fetch(new RecordsPayload.Memory(MemoryRecords.withRecords(Compression.NONE,
                    new SimpleRecord(5L, "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8)))
                    .buffer()));
            case LIST_OFFSETS -> new ListOffsetsResponse(0, List.of(new ListOffsetsResponse.Topic("orders",
                    List.of(new ListOffsetsResponse.Partition(0, ErrorCode.NONE, -1L, 55L, 3)))));
            case METADATA -> new MetadataResponse(0, List.of(BROKER), "cluster-1", 1, List.of(
                    new MetadataResponse.TopicMetadata(ErrorCode.NONE, "orders", TOPIC_ID, false,
                            List.of(new MetadataResponse.PartitionMetadata(ErrorCode.NONE, 0, 1, 0, List.of(1),
                                    List.of(1), List.of())), Integer.MIN_VALUE)));
            case OFFSET_COMMIT -> new OffsetCommitResponse(0, List.of(new OffsetCommitResponse.Topic("orders", TOPIC_ID,
                    List.of(new OffsetCommitResponse.Partition(0, ErrorCode.NONE)))));
            case OFFSET_FETCH -> new OffsetFetchResponse(0, List.of(new OffsetFetchResponse.Group("group-a",
                    ErrorCode.NONE, List.of(new OffsetFetchResponse.Topic("orders", TOPIC_ID, List.of(
                            new OffsetFetchResponse.Partition(0, 100L, 4, "meta", ErrorCode.NONE)))))));
            case FIND_COORDINATOR -> new FindCoordinatorResponse(0, List.of(new FindCoordinatorResponse.Coordinator(
                    "group-a", 1, "127.0.0.1", 9092, ErrorCode.NONE, null)));
            case JOIN_GROUP -> new JoinGroupResponse(0, ErrorCode.NONE, 3, "consumer", "range", "member-1", false,
                    "member-1", List.of(new JoinGroupResponse.Member("member-1", null, new byte[] {1})));
            case HEARTBEAT -> new HeartbeatResponse(0, ErrorCode.REBALANCE_IN_PROGRESS);
            case LEAVE_GROUP -> new LeaveGroupResponse(0, ErrorCode.NONE, List.of(
                    new LeaveGroupResponse.Member("member-1", null, ErrorCode.UNKNOWN_MEMBER_ID)));
            case SYNC_GROUP -> new SyncGroupResponse(0, ErrorCode.NONE, "consumer", "range", new byte[] {7, 8});
            case API_VERSIONS -> new ApiVersionsResponse(ErrorCode.NONE, List.of(), 0);
            case CREATE_TOPICS -> new CreateTopicsResponse(0, List.of(new CreateTopicsResponse.Result("orders",
                    TOPIC_ID, ErrorCode.NONE, null, 3, (short) 1, List.of(new DescribeConfigsResponse.ConfigEntry(
                            "cleanup.policy", "delete", false, DescribeConfigsResponse.SOURCE_DEFAULT, false,
                            List.of(), (byte) 2, null)))));
            case DELETE_TOPICS -> new DeleteTopicsResponse(0, List.of(new DeleteTopicsResponse.Result("orders",
                    TOPIC_ID, ErrorCode.NONE, null)));
            case INIT_PRODUCER_ID -> new InitProducerIdResponse(0, ErrorCode.NONE, 1000L, (short) 0);
            case OFFSET_FOR_LEADER_EPOCH -> new OffsetForLeaderEpochResponse(0, List.of(
                    new OffsetForLeaderEpochResponse.Topic("orders", List.of(
                            new OffsetForLeaderEpochResponse.EpochEndOffset(ErrorCode.NONE, 0, 2, 99L)))));
            case DESCRIBE_CONFIGS -> new DescribeConfigsResponse(0, List.of(new DescribeConfigsResponse.Result(
                    ErrorCode.NONE, null, (byte) 2, "orders", List.of(new DescribeConfigsResponse.ConfigEntry(
                            "retention.ms", "604800000", false, DescribeConfigsResponse.SOURCE_DEFAULT, false,
                            List.of(new DescribeConfigsResponse.Synonym("log.retention.ms", "604800000",
                                    DescribeConfigsResponse.SOURCE_DEFAULT)), (byte) 5, "How long")))));
            case CREATE_PARTITIONS -> new CreatePartitionsResponse(0, List.of(new CreatePartitionsResponse.Result(
                    "orders", ErrorCode.INVALID_PARTITIONS, "cannot shrink")));
            case DESCRIBE_CLUSTER -> new DescribeClusterResponse(0, ErrorCode.NONE, null, (byte) 1, "cluster-1", 1,
                    List.of(BROKER), Integer.MIN_VALUE);
            case DELETE_RECORDS -> new DeleteRecordsResponse(0, List.of(new DeleteRecordsResponse.Topic("orders",
                    List.of(new DeleteRecordsResponse.Partition(0, 42, ErrorCode.NONE),
                            new DeleteRecordsResponse.Partition(1, -1, ErrorCode.OFFSET_OUT_OF_RANGE)))));
            case DESCRIBE_GROUPS -> new DescribeGroupsResponse(0, List.of(
                    new DescribeGroupsResponse.DescribedGroup(ErrorCode.NONE, null, "group-a", "Stable", "consumer",
                            "range", List.of(new DescribeGroupsResponse.Member("member-1", null, "client-1",
                                    "/127.0.0.1", new byte[] {1, 2}, new byte[] {3})),
                            DescribeGroupsResponse.AUTHORIZED_OPERATIONS_OMITTED),
                    new DescribeGroupsResponse.DescribedGroup(ErrorCode.GROUP_ID_NOT_FOUND, "Group gone not found",
                            "gone", "Dead", "", "", List.of(), DescribeGroupsResponse.AUTHORIZED_OPERATIONS_OMITTED)));
            case LIST_GROUPS -> new ListGroupsResponse(0, ErrorCode.NONE, List.of(
                    new ListGroupsResponse.ListedGroup("group-a", "consumer", "Stable", "classic")));
            case DELETE_GROUPS -> new DeleteGroupsResponse(0, List.of(
                    new DeleteGroupsResponse.Result("group-a", ErrorCode.NONE),
                    new DeleteGroupsResponse.Result("group-b", ErrorCode.NON_EMPTY_GROUP)));
            case OFFSET_DELETE -> new OffsetDeleteResponse(0, ErrorCode.NONE, List.of(new OffsetDeleteResponse.Topic(
                    "orders", List.of(new OffsetDeleteResponse.Partition(0, ErrorCode.NONE),
                            new OffsetDeleteResponse.Partition(1, ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC)))));
            case DESCRIBE_ACLS -> new DescribeAclsResponse(0, ErrorCode.SECURITY_DISABLED, "No authorizer");
            case ALTER_CONFIGS -> new AlterConfigsResponse(0, List.of(new AlterConfigsResponse.Result(
                    ErrorCode.INVALID_CONFIG, "bad value", (byte) 2, "orders")));
            case INCREMENTAL_ALTER_CONFIGS -> new IncrementalAlterConfigsResponse(0, List.of(
                    new AlterConfigsResponse.Result(ErrorCode.NONE, null, (byte) 2, "orders"),
                    new AlterConfigsResponse.Result(ErrorCode.INVALID_REQUEST, "no broker configs", (byte) 4, "1")));
        };
    }

    private static void check(ApiKey key, short v, AbstractResponse parsed) {
        String at = key + " v" + v;
        switch (key) {
            case PRODUCE -> {
                var data = ((org.apache.kafka.common.requests.ProduceResponse) parsed).data();
                var topic = data.responses().iterator().next();
                if (v >= 13) {
                    assertThat(topic.topicId().getMostSignificantBits()).as(at)
                            .isEqualTo(TOPIC_ID.getMostSignificantBits());
                } else {
                    assertThat(topic.name()).as(at).isEqualTo("orders");
                }
                var partition = topic.partitionResponses().get(0);
                assertThat(partition.errorCode()).as(at).isEqualTo(Errors.INVALID_RECORD.code());
                if (v >= 8) {
                    assertThat(partition.recordErrors().get(0).batchIndex()).as(at).isEqualTo(1);
                    assertThat(partition.errorMessage()).as(at).isEqualTo("rejected");
                }
            }
            case FETCH -> {
                FetchResponseData data = ((org.apache.kafka.common.requests.FetchResponse) parsed).data();
                FetchResponseData.PartitionData partition = data.responses().get(0).partitions().get(0);
                assertThat(partition.highWatermark()).as(at).isEqualTo(1L);
                assertThat(((MemoryRecords) partition.records()).records().iterator().next().timestamp()).as(at)
                        .isEqualTo(5L);
            }
            case LIST_OFFSETS -> {
                var data = ((org.apache.kafka.common.requests.ListOffsetsResponse) parsed).data();
                assertThat(data.topics().get(0).partitions().get(0).offset()).as(at).isEqualTo(55L);
            }
            case METADATA -> {
                MetadataResponseData data = ((org.apache.kafka.common.requests.MetadataResponse) parsed).data();
                assertThat(data.brokers().find(1).host()).as(at).isEqualTo("127.0.0.1");
                var topic = data.topics().iterator().next();
                assertThat(topic.name()).as(at).isEqualTo("orders");
                assertThat(topic.partitions().get(0).leaderId()).as(at).isEqualTo(1);
                if (v >= 10) {
                    assertThat(topic.topicId().getLeastSignificantBits()).as(at)
                            .isEqualTo(TOPIC_ID.getLeastSignificantBits());
                }
                if (v >= 2) {
                    assertThat(data.clusterId()).as(at).isEqualTo("cluster-1");
                }
            }
            case OFFSET_COMMIT -> {
                var data = ((org.apache.kafka.common.requests.OffsetCommitResponse) parsed).data();
                if (v < 10) {
                    assertThat(data.topics().get(0).name()).as(at).isEqualTo("orders");
                }
                assertThat(data.topics().get(0).partitions().get(0).errorCode()).as(at).isZero();
            }
            case OFFSET_FETCH -> {
                var data = ((org.apache.kafka.common.requests.OffsetFetchResponse) parsed).data();
                if (v < 8) {
                    assertThat(data.topics().get(0).partitions().get(0).committedOffset()).as(at).isEqualTo(100L);
                } else {
                    assertThat(data.groups().get(0).groupId()).as(at).isEqualTo("group-a");
                    assertThat(data.groups().get(0).topics().get(0).partitions().get(0).committedOffset()).as(at)
                            .isEqualTo(100L);
                }
            }
            case FIND_COORDINATOR -> {
                var data = ((org.apache.kafka.common.requests.FindCoordinatorResponse) parsed).data();
                if (v < 4) {
                    assertThat(data.nodeId()).as(at).isEqualTo(1);
                    assertThat(data.port()).as(at).isEqualTo(9092);
                } else {
                    assertThat(data.coordinators().get(0).key()).as(at).isEqualTo("group-a");
                    assertThat(data.coordinators().get(0).host()).as(at).isEqualTo("127.0.0.1");
                }
            }
            case JOIN_GROUP -> {
                var data = ((org.apache.kafka.common.requests.JoinGroupResponse) parsed).data();
                assertThat(data.generationId()).as(at).isEqualTo(3);
                assertThat(data.protocolName()).as(at).isEqualTo("range");
                assertThat(data.members().get(0).metadata()).as(at).containsExactly(1);
            }
            case HEARTBEAT -> assertThat(parsed.errorCounts()).as(at).containsKey(Errors.REBALANCE_IN_PROGRESS);
            case LEAVE_GROUP -> {
                var data = ((org.apache.kafka.common.requests.LeaveGroupResponse) parsed).data();
                if (v < 3) {
                    assertThat(data.errorCode()).as(at).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
                } else {
                    assertThat(data.members().get(0).errorCode()).as(at).isEqualTo(Errors.UNKNOWN_MEMBER_ID.code());
                }
            }
            case SYNC_GROUP -> {
                var data = ((org.apache.kafka.common.requests.SyncGroupResponse) parsed).data();
                assertThat(data.assignment()).as(at).containsExactly(7, 8);
            }
            case API_VERSIONS -> {
                var data = ((org.apache.kafka.common.requests.ApiVersionsResponse) parsed).data();
                assertThat(data.apiKeys()).as(at).hasSize(ApiKey.values().length);
            }
            case CREATE_TOPICS -> {
                var data = ((org.apache.kafka.common.requests.CreateTopicsResponse) parsed).data();
                var topic = data.topics().find("orders");
                assertThat(topic.errorCode()).as(at).isZero();
                if (v >= 5) {
                    assertThat(topic.numPartitions()).as(at).isEqualTo(3);
                    assertThat(topic.configs().get(0).name()).as(at).isEqualTo("cleanup.policy");
                }
            }
            case DELETE_TOPICS -> {
                var data = ((org.apache.kafka.common.requests.DeleteTopicsResponse) parsed).data();
                assertThat(data.responses().iterator().next().name()).as(at).isEqualTo("orders");
            }
            case INIT_PRODUCER_ID -> {
                var data = ((org.apache.kafka.common.requests.InitProducerIdResponse) parsed).data();
                assertThat(data.producerId()).as(at).isEqualTo(1000L);
            }
            case OFFSET_FOR_LEADER_EPOCH -> {
                var data = ((org.apache.kafka.common.requests.OffsetsForLeaderEpochResponse) parsed).data();
                assertThat(data.topics().iterator().next().partitions().get(0).endOffset()).as(at).isEqualTo(99L);
            }
            case DESCRIBE_CONFIGS -> {
                var data = ((org.apache.kafka.common.requests.DescribeConfigsResponse) parsed).data();
                var config = data.results().get(0).configs().get(0);
                assertThat(config.value()).as(at).isEqualTo("604800000");
                assertThat(config.synonyms()).as(at).hasSize(1);
                if (v >= 3) {
                    assertThat(config.documentation()).as(at).isEqualTo("How long");
                }
            }
            case CREATE_PARTITIONS -> {
                var data = ((org.apache.kafka.common.requests.CreatePartitionsResponse) parsed).data();
                assertThat(data.results().get(0).errorMessage()).as(at).isEqualTo("cannot shrink");
            }
            case DESCRIBE_CLUSTER -> {
                var data = ((org.apache.kafka.common.requests.DescribeClusterResponse) parsed).data();
                assertThat(data.clusterId()).as(at).isEqualTo("cluster-1");
                assertThat(data.brokers().find(1).port()).as(at).isEqualTo(9092);
            }
            case DELETE_RECORDS -> {
                var data = ((org.apache.kafka.common.requests.DeleteRecordsResponse) parsed).data();
                var topic = data.topics().find("orders");
                assertThat(topic.partitions().find(0).lowWatermark()).as(at).isEqualTo(42L);
                assertThat(topic.partitions().find(0).errorCode()).as(at).isEqualTo(Errors.NONE.code());
                assertThat(topic.partitions().find(1).lowWatermark()).as(at).isEqualTo(-1L);
                assertThat(topic.partitions().find(1).errorCode()).as(at)
                        .isEqualTo(Errors.OFFSET_OUT_OF_RANGE.code());
            }
            case DESCRIBE_GROUPS -> {
                var data = ((org.apache.kafka.common.requests.DescribeGroupsResponse) parsed).data();
                var group = data.groups().get(0);
                assertThat(group.groupState()).as(at).isEqualTo("Stable");
                assertThat(group.protocolData()).as(at).isEqualTo("range");
                assertThat(group.members().get(0).clientHost()).as(at).isEqualTo("/127.0.0.1");
                assertThat(group.members().get(0).memberMetadata()).as(at).containsExactly(1, 2);
                assertThat(group.members().get(0).memberAssignment()).as(at).containsExactly(3);
                var gone = data.groups().get(1);
                assertThat(gone.errorCode()).as(at).isEqualTo(Errors.GROUP_ID_NOT_FOUND.code());
                assertThat(gone.errorMessage()).as(at).isEqualTo(v >= 6 ? "Group gone not found" : null);
            }
            case LIST_GROUPS -> {
                var data = ((org.apache.kafka.common.requests.ListGroupsResponse) parsed).data();
                var group = data.groups().get(0);
                assertThat(group.groupId()).as(at).isEqualTo("group-a");
                assertThat(group.protocolType()).as(at).isEqualTo("consumer");
                assertThat(group.groupState()).as(at).isEqualTo(v >= 4 ? "Stable" : "");
                assertThat(group.groupType()).as(at).isEqualTo(v >= 5 ? "classic" : "");
            }
            case DELETE_GROUPS -> {
                var data = ((org.apache.kafka.common.requests.DeleteGroupsResponse) parsed).data();
                assertThat(data.results().find("group-a").errorCode()).as(at).isZero();
                assertThat(data.results().find("group-b").errorCode()).as(at)
                        .isEqualTo(Errors.NON_EMPTY_GROUP.code());
            }
            case OFFSET_DELETE -> {
                var data = ((org.apache.kafka.common.requests.OffsetDeleteResponse) parsed).data();
                var partitions = data.topics().find("orders").partitions();
                assertThat(partitions.find(0).errorCode()).as(at).isZero();
                assertThat(partitions.find(1).errorCode()).as(at).isEqualTo(Errors.GROUP_SUBSCRIBED_TO_TOPIC.code());
            }
            case DESCRIBE_ACLS -> {
                var data = ((org.apache.kafka.common.requests.DescribeAclsResponse) parsed).data();
                assertThat(data.errorCode()).as(at).isEqualTo(Errors.SECURITY_DISABLED.code());
                assertThat(data.errorMessage()).as(at).isEqualTo("No authorizer");
                assertThat(data.resources()).as(at).isEmpty();
            }
            case ALTER_CONFIGS -> {
                var data = ((org.apache.kafka.common.requests.AlterConfigsResponse) parsed).data();
                var result = data.responses().get(0);
                assertThat(result.errorCode()).as(at).isEqualTo(Errors.INVALID_CONFIG.code());
                assertThat(result.errorMessage()).as(at).isEqualTo("bad value");
                assertThat(result.resourceName()).as(at).isEqualTo("orders");
            }
            case INCREMENTAL_ALTER_CONFIGS -> {
                var data = ((org.apache.kafka.common.requests.IncrementalAlterConfigsResponse) parsed).data();
                assertThat(data.responses()).as(at).hasSize(2);
                assertThat(data.responses().get(0).errorCode()).as(at).isZero();
                assertThat(data.responses().get(1).errorCode()).as(at).isEqualTo(Errors.INVALID_REQUEST.code());
                assertThat(data.responses().get(1).resourceType()).as(at).isEqualTo((byte) 4);
            }
        }
    }
}
