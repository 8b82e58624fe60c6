package io.tributary.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiVersionTable;
import io.tributary.protocol.message.ApiRequest;
import io.tributary.protocol.message.ApiVersionsRequest;
import io.tributary.protocol.message.CreatePartitionsRequest;
import io.tributary.protocol.message.CreateTopicsRequest;
import io.tributary.protocol.message.DeleteRecordsRequest;
import io.tributary.protocol.message.DeleteGroupsRequest;
import io.tributary.protocol.message.DeleteTopicsRequest;
import io.tributary.protocol.message.DescribeClusterRequest;
import io.tributary.protocol.message.AlterConfigsRequest;
import io.tributary.protocol.message.DescribeAclsRequest;
import io.tributary.protocol.message.DescribeConfigsRequest;
import io.tributary.protocol.message.DescribeGroupsRequest;
import io.tributary.protocol.message.IncrementalAlterConfigsRequest;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FindCoordinatorRequest;
import io.tributary.protocol.message.HeartbeatRequest;
import io.tributary.protocol.message.InitProducerIdRequest;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.LeaveGroupRequest;
import io.tributary.protocol.message.ListGroupsRequest;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetDeleteRequest;
import io.tributary.protocol.message.OffsetFetchRequest;
import io.tributary.protocol.message.OffsetForLeaderEpochRequest;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.SyncGroupRequest;
import io.tributary.protocol.message.TopicIds;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.DescribeAclsRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.InitProducerIdRequestData;
import org.apache.kafka.common.message.JoinGroupRequestData;
import org.apache.kafka.common.message.LeaveGroupRequestData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListOffsetsRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.message.OffsetCommitRequestData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetFetchRequestData;
import org.apache.kafka.common.message.OffsetForLeaderEpochRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.SyncGroupRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;

class KafkaRequestDecoderTest {

    private static final Uuid TOPIC_ID = Uuid.fromString("YWJjZGVmZ2hpamtsbW5vcA");
    private static final UUID JAVA_TOPIC_ID = new UUID(TOPIC_ID.getMostSignificantBits(),
            TOPIC_ID.getLeastSignificantBits());

    private final KafkaRequestDecoder decoder = new KafkaRequestDecoder();

    @Test
    void everyApiDecodesAtEveryAcceptedVersion() {
        for (ApiKey key : ApiKey.values()) {
            ApiVersionTable.VersionRange range = ApiVersionTable.accepted(key);
            for (short version = range.min(); version <= range.max(); version++) {
                ApiMessage sample = sample(key, version);
                ByteBuf frame = KafkaWire.requestFrame(ApiKeys.forId(key.id()), version, 7 + version, sample);
                try {
                    DecodedFrame decoded = decoder.decode(frame);

                    assertThat(decoded).as("%s v%s", key, version).isInstanceOf(DecodedFrame.Request.class);
                    DecodedFrame.Request request = (DecodedFrame.Request) decoded;
                    assertThat(request.header().apiKey()).as("%s v%s key", key, version).isEqualTo(key);
                    assertThat(request.header().apiVersion()).as("%s v%s version", key, version).isEqualTo(version);
                    assertThat(request.header().correlationId()).as("%s v%s correlation", key, version)
                            .isEqualTo(7 + version);
                    assertThat(request.header().clientId()).as("%s v%s client id", key, version)
                            .isEqualTo(KafkaWire.CLIENT_ID);
                    check(key, version, request.body());
                } finally {
                    frame.release();
                }
            }
        }
    }

    @Test
    void produceRecordsAreViewOfFrame() {
        // Version 8 is the last without tagged fields, so the records are the last bytes of the frame.
        ByteBuf frame = KafkaWire.requestFrame(ApiKeys.PRODUCE, (short) 8, 1, sample(ApiKey.PRODUCE, (short) 8));
        try {
            DecodedFrame.Request request = (DecodedFrame.Request) decoder.decode(frame);
            ByteBuffer records = ((ProduceRequest) request.body()).topics().get(0).partitions().get(0).records();
            int recordsStart = frame.readableBytes() - records.remaining();

            frame.setByte(recordsStart + 20, frame.getByte(recordsStart + 20) ^ 0x7F);

            assertThat(records.get(records.position() + 20)).isEqualTo(frame.getByte(recordsStart + 20));
            assertThat(records.isReadOnly()).isFalse();
        } finally {
            frame.release();
        }
    }

    @Test
    void unknownApiKeyIsRejected() {
        ByteBuf frame = KafkaWire.requestFrame(ApiKeys.DESCRIBE_LOG_DIRS, (short) 4, 99,
                new org.apache.kafka.common.message.DescribeLogDirsRequestData());
        try {
            DecodedFrame decoded = decoder.decode(frame);

            assertThat(decoded).isInstanceOf(DecodedFrame.Rejected.class);
            DecodedFrame.Rejected rejected = (DecodedFrame.Rejected) decoded;
            assertThat(rejected.apiKey()).isEqualTo(ApiKeys.DESCRIBE_LOG_DIRS.id);
            assertThat(rejected.correlationId()).isEqualTo(99);
            assertThat(rejected.clientId()).isEqualTo(KafkaWire.CLIENT_ID);
            assertThat(rejected.reason()).contains("api key 35", "version 4", "'wire-test'");
        } finally {
            frame.release();
        }
    }

    @Test
    void versionOutsideRangeIsRejected() {
        ByteBuf frame = KafkaWire.requestFrame(ApiKeys.FETCH, (short) 3, 5, new FetchRequestData().setReplicaId(-1));
        try {
            DecodedFrame decoded = decoder.decode(frame);

            assertThat(decoded).isInstanceOf(DecodedFrame.Rejected.class);
            assertThat(((DecodedFrame.Rejected) decoded).reason()).contains("FETCH", "version 3", "accepted 4 to 18");
        } finally {
            frame.release();
        }
    }

    @Test
    void newerApiVersionsIsUnsupportedNotRejected() {
        ByteBuf frame = KafkaWire.requestFrame(ApiKeys.API_VERSIONS, (short) 4, 12, new ApiVersionsRequestData()
                .setClientSoftwareName("future").setClientSoftwareVersion("9"));
        frame.setShort(2, 9);
        try {
            DecodedFrame decoded = decoder.decode(frame);

            assertThat(decoded).isInstanceOf(DecodedFrame.UnsupportedApiVersions.class);
            DecodedFrame.UnsupportedApiVersions unsupported = (DecodedFrame.UnsupportedApiVersions) decoded;
            assertThat(unsupported.correlationId()).isEqualTo(12);
            assertThat(unsupported.requestedVersion()).isEqualTo((short) 9);
            assertThat(unsupported.clientId()).isEqualTo(KafkaWire.CLIENT_ID);
        } finally {
            frame.release();
        }
    }

    @Test
    void truncatedBodyIsRejected() {
        ByteBuf whole = KafkaWire.requestFrame(ApiKeys.METADATA, (short) 12, 3, sample(ApiKey.METADATA, (short) 12));
        ByteBuf truncated = whole.retainedSlice(0, whole.readableBytes() - 3);
        whole.release();
        try {
            DecodedFrame decoded = decoder.decode(truncated);

            assertThat(decoded).isInstanceOf(DecodedFrame.Rejected.class);
            assertThat(((DecodedFrame.Rejected) decoded).reason()).contains("malformed METADATA request");
        } finally {
            truncated.release();
        }
    }

    private static ApiMessage sample(ApiKey key, short v) {
        return switch (key) {
            case PRODUCE -> produce(v);
            case FETCH -> fetch(v);
            case LIST_OFFSETS -> new ListOffsetsRequestData().setReplicaId(-1)
                    .setIsolationLevel(v >= 2 ? (byte) 1 : 0)
                    .setTopics(List.of(new ListOffsetsRequestData.ListOffsetsTopic().setName("orders")
                            .setPartitions(List.of(new ListOffsetsRequestData.ListOffsetsPartition()
                                    .setPartitionIndex(2).setTimestamp(-2L)
                                    .setCurrentLeaderEpoch(v >= 4 ? 5 : -1)))));
            case METADATA -> metadata(v);
            case OFFSET_COMMIT -> offsetCommit(v);
            case OFFSET_FETCH -> offsetFetch(v);
            case FIND_COORDINATOR -> v < 4
                    ? new FindCoordinatorRequestData().setKey("group-a")
                    : new FindCoordinatorRequestData().setKeyType((byte) 0).setCoordinatorKeys(List.of("group-a", "g2"));
            case JOIN_GROUP -> new JoinGroupRequestData().setGroupId("group-a").setSessionTimeoutMs(10_000)
                    .setRebalanceTimeoutMs(v >= 1 ? 30_000 : -1).setMemberId("").setProtocolType("consumer")
                    .setGroupInstanceId(v >= 5 ? "instance-1" : null)
                    .setReason(v >= 8 ? "joining" : null)
                    .setProtocols(new JoinGroupRequestData.JoinGroupRequestProtocolCollection(List.of(
                            new JoinGroupRequestData.JoinGroupRequestProtocol().setName("range")
                                    .setMetadata(new byte[] {1, 2, 3})).iterator()));
            case HEARTBEAT -> new HeartbeatRequestData().setGroupId("group-a").setGenerationId(4)
                    .setMemberId("member-1").setGroupInstanceId(v >= 3 ? "instance-1" : null);
            case LEAVE_GROUP -> v < 3
                    ? new LeaveGroupRequestData().setGroupId("group-a").setMemberId("member-1")
                    : new LeaveGroupRequestData().setGroupId("group-a").setMembers(List.of(
                            new LeaveGroupRequestData.MemberIdentity().setMemberId("member-1")
                                    .setGroupInstanceId("instance-1").setReason(v >= 5 ? "bye" : null)));
            case SYNC_GROUP -> new SyncGroupRequestData().setGroupId("group-a").setGenerationId(4)
                    .setMemberId("member-1").setGroupInstanceId(v >= 3 ? "instance-1" : null)
                    .setProtocolType(v >= 5 ? "consumer" : null).setProtocolName(v >= 5 ? "range" : null)
                    .setAssignments(List.of(new SyncGroupRequestData.SyncGroupRequestAssignment()
                            .setMemberId("member-1").setAssignment(new byte[] {9})));
            case API_VERSIONS -> v >= 3
                    ? new ApiVersionsRequestData().setClientSoftwareName("kafka-java").setClientSoftwareVersion("4.4.0")
                    : new ApiVersionsRequestData();
            case CREATE_TOPICS -> new CreateTopicsRequestData().setTimeoutMs(5000).setValidateOnly(true)
                    .setTopics(new CreateTopicsRequestData.CreatableTopicCollection(List.of(
                            new CreateTopicsRequestData.CreatableTopic().setName("orders").setNumPartitions(3)
                                    .setReplicationFactor((short) 1)
                                    .setConfigs(new CreateTopicsRequestData.CreatableTopicConfigCollection(List.of(
                                            new CreateTopicsRequestData.CreatableTopicConfig()
                                                    .setName("cleanup.policy").setValue("compact")).iterator())))
                            .iterator()));
            case DELETE_TOPICS -> v < 6
                    ? new DeleteTopicsRequestData().setTopicNames(List.of("orders")).setTimeoutMs(5000)
                    : new DeleteTopicsRequestData().setTimeoutMs(5000).setTopics(List.of(
                            new DeleteTopicsRequestData.DeleteTopicState().setName(null).setTopicId(TOPIC_ID)));
            case INIT_PRODUCER_ID -> new InitProducerIdRequestData().setTransactionalId(null)
                    .setTransactionTimeoutMs(60_000)
                    .setProducerId(v >= 3 ? 77L : -1L).setProducerEpoch(v >= 3 ? (short) 2 : -1);
            case OFFSET_FOR_LEADER_EPOCH -> new OffsetForLeaderEpochRequestData().setReplicaId(v >= 3 ? -1 : -2)
                    .setTopics(new OffsetForLeaderEpochRequestData.OffsetForLeaderTopicCollection(List.of(
                            new OffsetForLeaderEpochRequestData.OffsetForLeaderTopic().setTopic("orders")
                                    .setPartitions(List.of(new OffsetForLeaderEpochRequestData.OffsetForLeaderPartition()
                                            .setPartition(1).setCurrentLeaderEpoch(3).setLeaderEpoch(2)))).iterator()));
            case DESCRIBE_CONFIGS -> new DescribeConfigsRequestData().setIncludeSynonyms(true)
                    .setIncludeDocumentation(v >= 3)
                    .setResources(List.of(new DescribeConfigsRequestData.DescribeConfigsResource()
                            .setResourceType((byte) 2).setResourceName("orders").setConfigurationKeys(null)));
            case CREATE_PARTITIONS -> new CreatePartitionsRequestData().setTimeoutMs(5000).setValidateOnly(false)
                    .setTopics(new CreatePartitionsRequestData.CreatePartitionsTopicCollection(List.of(
                            new CreatePartitionsRequestData.CreatePartitionsTopic().setName("orders").setCount(6)
                                    .setAssignments(null)).iterator()));
            case DESCRIBE_CLUSTER -> new DescribeClusterRequestData().setIncludeClusterAuthorizedOperations(true)
                    .setEndpointType(v >= 1 ? (byte) 1 : 1).setIncludeFencedBrokers(v >= 2);
            case DELETE_RECORDS -> new DeleteRecordsRequestData().setTimeoutMs(5000).setTopics(List.of(
                    new DeleteRecordsRequestData.DeleteRecordsTopic().setName("orders").setPartitions(List.of(
                            new DeleteRecordsRequestData.DeleteRecordsPartition().setPartitionIndex(2).setOffset(42),
                            new DeleteRecordsRequestData.DeleteRecordsPartition().setPartitionIndex(3)
                                    .setOffset(-1)))));
            case DESCRIBE_GROUPS -> new DescribeGroupsRequestData().setGroups(List.of("group-a", "group-b"))
                    .setIncludeAuthorizedOperations(v >= 3);
            case LIST_GROUPS -> new ListGroupsRequestData()
                    .setStatesFilter(v >= 4 ? List.of("Stable") : List.of())
                    .setTypesFilter(v >= 5 ? List.of("classic") : List.of());
            case DELETE_GROUPS -> new DeleteGroupsRequestData().setGroupsNames(List.of("group-a"));
            case OFFSET_DELETE -> new OffsetDeleteRequestData().setGroupId("group-a")
                    .setTopics(new OffsetDeleteRequestData.OffsetDeleteRequestTopicCollection(List.of(
                            new OffsetDeleteRequestData.OffsetDeleteRequestTopic().setName("orders")
                                    .setPartitions(List.of(
                                            new OffsetDeleteRequestData.OffsetDeleteRequestPartition()
                                                    .setPartitionIndex(0),
                                            new OffsetDeleteRequestData.OffsetDeleteRequestPartition()
                                                    .setPartitionIndex(2)))).iterator()));
            case DESCRIBE_ACLS -> new DescribeAclsRequestData().setResourceTypeFilter((byte) 2)
                    .setResourceNameFilter("orders").setPatternTypeFilter((byte) 3).setPrincipalFilter("User:alice")
                    .setHostFilter(null).setOperation((byte) 1).setPermissionType((byte) 1);
            case ALTER_CONFIGS -> new AlterConfigsRequestData().setValidateOnly(true)
                    .setResources(new AlterConfigsRequestData.AlterConfigsResourceCollection(List.of(
                            new AlterConfigsRequestData.AlterConfigsResource().setResourceType((byte) 2)
                                    .setResourceName("orders")
                                    .setConfigs(new AlterConfigsRequestData.AlterableConfigCollection(List.of(
                                            new AlterConfigsRequestData.AlterableConfig().setName("retention.ms")
                                                    .setValue("1000")).iterator()))).iterator()));
            case INCREMENTAL_ALTER_CONFIGS -> new IncrementalAlterConfigsRequestData().setValidateOnly(false)
                    .setResources(new IncrementalAlterConfigsRequestData.AlterConfigsResourceCollection(List.of(
                            new IncrementalAlterConfigsRequestData.AlterConfigsResource().setResourceType((byte) 2)
                                    .setResourceName("orders")
                                    .setConfigs(new IncrementalAlterConfigsRequestData.AlterableConfigCollection(List.of(
                                            new IncrementalAlterConfigsRequestData.AlterableConfig()
                                                    .setName("max.message.bytes").setConfigOperation((byte) 0)
                                                    .setValue("2000"),
                                            new IncrementalAlterConfigsRequestData.AlterableConfig()
                                                    .setName("retention.ms").setConfigOperation((byte) 1)
                                                    .setValue(null)).iterator()))).iterator()));
        };
    }

    private static ProduceRequestData produce(short v) {
        MemoryRecords records = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord(1L, "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8)));
        ProduceRequestData.TopicProduceData topic = new ProduceRequestData.TopicProduceData()
                .setPartitionData(List.of(new ProduceRequestData.PartitionProduceData().setIndex(3).setRecords(records)));
        if (v >= 13) {
            topic.setTopicId(TOPIC_ID);
        } else {
            topic.setName("orders");
        }
        return new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000).setTransactionalId("tx-1")
                .setTopicData(new ProduceRequestData.TopicProduceDataCollection(List.of(topic).iterator()));
    }

    private static FetchRequestData fetch(short v) {
        FetchRequestData.FetchPartition partition = new FetchRequestData.FetchPartition().setPartition(1)
                .setFetchOffset(42L).setPartitionMaxBytes(1 << 20)
                .setCurrentLeaderEpoch(v >= 9 ? 3 : -1)
                .setLogStartOffset(v >= 5 ? 0L : -1L)
                .setLastFetchedEpoch(v >= 12 ? 2 : -1);
        FetchRequestData.FetchTopic topic = new FetchRequestData.FetchTopic().setPartitions(List.of(partition));
        if (v >= 13) {
            topic.setTopicId(TOPIC_ID);
        } else {
            topic.setTopic("orders");
        }
        FetchRequestData data = new FetchRequestData().setMaxWaitMs(500).setMinBytes(1).setMaxBytes(50 << 20)
                .setIsolationLevel((byte) 1).setTopics(List.of(topic));
        if (v < 15) {
            data.setReplicaId(-1);
        }
        if (v >= 7) {
            data.setSessionId(11).setSessionEpoch(2);
            FetchRequestData.ForgottenTopic forgotten = new FetchRequestData.ForgottenTopic().setPartitions(List.of(4));
            if (v >= 13) {
                forgotten.setTopicId(TOPIC_ID);
            } else {
                forgotten.setTopic("old");
            }
            data.setForgottenTopicsData(List.of(forgotten));
        }
        if (v >= 11) {
            data.setRackId("rack-a");
        }
        return data;
    }

    private static MetadataRequestData metadata(short v) {
        MetadataRequestData.MetadataRequestTopic topic = new MetadataRequestData.MetadataRequestTopic().setName("orders");
        if (v >= 10) {
            topic.setTopicId(Uuid.ZERO_UUID);
        }
        return new MetadataRequestData().setTopics(List.of(topic)).setAllowAutoTopicCreation(v < 4 || v % 2 == 0)
                .setIncludeTopicAuthorizedOperations(v >= 8 && v % 2 == 1);
    }

    private static OffsetCommitRequestData offsetCommit(short v) {
        OffsetCommitRequestData.OffsetCommitRequestTopic topic = new OffsetCommitRequestData.OffsetCommitRequestTopic()
                .setPartitions(List.of(new OffsetCommitRequestData.OffsetCommitRequestPartition().setPartitionIndex(0)
                        .setCommittedOffset(100L).setCommittedMetadata("meta")
                        .setCommittedLeaderEpoch(v >= 6 ? 4 : -1)));
        if (v >= 10) {
            topic.setTopicId(TOPIC_ID);
        } else {
            topic.setName("orders");
        }
        OffsetCommitRequestData data = new OffsetCommitRequestData().setGroupId("group-a")
                .setGenerationIdOrMemberEpoch(4).setMemberId("member-1").setTopics(List.of(topic));
        if (v >= 7) {
            data.setGroupInstanceId("instance-1");
        }
        if (v >= 2 && v <= 4) {
            data.setRetentionTimeMs(86_400_000L);
        }
        return data;
    }

    private static OffsetFetchRequestData offsetFetch(short v) {
        if (v < 8) {
            return new OffsetFetchRequestData().setGroupId("group-a").setRequireStable(v >= 7)
                    .setTopics(List.of(new OffsetFetchRequestData.OffsetFetchRequestTopic().setName("orders")
                            .setPartitionIndexes(List.of(0, 1))));
        }
        OffsetFetchRequestData.OffsetFetchRequestTopics topic = new OffsetFetchRequestData.OffsetFetchRequestTopics()
                .setPartitionIndexes(List.of(0, 1));
        if (v >= 10) {
            topic.setTopicId(TOPIC_ID);
        } else {
            topic.setName("orders");
        }
        OffsetFetchRequestData.OffsetFetchRequestGroup group = new OffsetFetchRequestData.OffsetFetchRequestGroup()
                .setGroupId("group-a").setTopics(List.of(topic));
        if (v >= 9) {
            group.setMemberId("member-1").setMemberEpoch(3);
        }
        return new OffsetFetchRequestData().setRequireStable(true).setGroups(List.of(group));
    }

    private static void check(ApiKey key, short v, ApiRequest body) {
        String at = key + " v" + v;
        switch (key) {
            case PRODUCE -> {
                ProduceRequest r = (ProduceRequest) body;
                assertThat(r.acks()).as(at).isEqualTo((short) -1);
                assertThat(r.timeoutMs()).as(at).isEqualTo(30_000);
                assertThat(r.transactionalId()).as(at).isEqualTo("tx-1");
                ProduceRequest.TopicData topic = r.topics().get(0);
                if (v >= 13) {
                    assertThat(topic.topicId()).as(at).isEqualTo(JAVA_TOPIC_ID);
                    assertThat(topic.name()).as(at).isNull();
                } else {
                    assertThat(topic.name()).as(at).isEqualTo("orders");
                    assertThat(topic.topicId()).as(at).isEqualTo(TopicIds.ZERO);
                }
                assertThat(topic.partitions().get(0).partition()).as(at).isEqualTo(3);
                MemoryRecords records = MemoryRecords.readableRecords(topic.partitions().get(0).records());
                assertThat(records.records().iterator().next().offset()).as(at).isZero();
            }
            case FETCH -> {
                FetchRequest r = (FetchRequest) body;
                assertThat(r.replicaId()).as(at).isEqualTo(-1);
                assertThat(r.maxWaitMs()).as(at).isEqualTo(500);
                assertThat(r.isolationLevel()).as(at).isEqualTo((byte) 1);
                FetchRequest.FetchTopic topic = r.topics().get(0);
                if (v >= 13) {
                    assertThat(topic.topicId()).as(at).isEqualTo(JAVA_TOPIC_ID);
                    assertThat(topic.name()).as(at).isNull();
                } else {
                    assertThat(topic.name()).as(at).isEqualTo("orders");
                }
                assertThat(topic.partitions().get(0).fetchOffset()).as(at).isEqualTo(42L);
                if (v >= 7) {
                    assertThat(r.sessionId()).as(at).isEqualTo(11);
                    assertThat(r.sessionEpoch()).as(at).isEqualTo(2);
                    assertThat(r.forgottenTopics()).as(at).hasSize(1);
                    assertThat(r.forgottenTopics().get(0).partitions()).as(at).containsExactly(4);
                } else {
                    assertThat(r.sessionEpoch()).as(at).isEqualTo(-1);
                }
                if (v >= 12) {
                    assertThat(topic.partitions().get(0).lastFetchedEpoch()).as(at).isEqualTo(2);
                }
            }
            case LIST_OFFSETS -> {
                ListOffsetsRequest r = (ListOffsetsRequest) body;
                assertThat(r.topics().get(0).name()).as(at).isEqualTo("orders");
                assertThat(r.topics().get(0).partitions().get(0).timestamp()).as(at).isEqualTo(-2L);
                assertThat(r.topics().get(0).partitions().get(0).partition()).as(at).isEqualTo(2);
            }
            case METADATA -> {
                MetadataRequest r = (MetadataRequest) body;
                assertThat(r.topics()).as(at).hasSize(1);
                assertThat(r.topics().get(0).name()).as(at).isEqualTo("orders");
                assertThat(r.topics().get(0).topicId()).as(at).isEqualTo(TopicIds.ZERO);
                assertThat(r.allowAutoTopicCreation()).as(at).isEqualTo(v < 4 || v % 2 == 0);
            }
            case OFFSET_COMMIT -> {
                OffsetCommitRequest r = (OffsetCommitRequest) body;
                assertThat(r.groupId()).as(at).isEqualTo("group-a");
                assertThat(r.generationIdOrMemberEpoch()).as(at).isEqualTo(4);
                OffsetCommitRequest.Topic topic = r.topics().get(0);
                if (v >= 10) {
                    assertThat(topic.topicId()).as(at).isEqualTo(JAVA_TOPIC_ID);
                } else {
                    assertThat(topic.name()).as(at).isEqualTo("orders");
                }
                assertThat(topic.partitions().get(0).committedOffset()).as(at).isEqualTo(100L);
                assertThat(topic.partitions().get(0).metadata()).as(at).isEqualTo("meta");
            }
            case OFFSET_FETCH -> {
                OffsetFetchRequest r = (OffsetFetchRequest) body;
                assertThat(r.groups()).as(at).hasSize(1);
                assertThat(r.groups().get(0).groupId()).as(at).isEqualTo("group-a");
                OffsetFetchRequest.Topic topic = r.groups().get(0).topics().get(0);
                if (v >= 10) {
                    assertThat(topic.topicId()).as(at).isEqualTo(JAVA_TOPIC_ID);
                } else {
                    assertThat(topic.name()).as(at).isEqualTo("orders");
                }
                assertThat(topic.partitions()).as(at).containsExactly(0, 1);
            }
            case FIND_COORDINATOR -> {
                FindCoordinatorRequest r = (FindCoordinatorRequest) body;
                assertThat(r.keyType()).as(at).isEqualTo(FindCoordinatorRequest.KEY_TYPE_GROUP);
                assertThat(r.keys()).as(at).isEqualTo(v < 4 ? List.of("group-a") : List.of("group-a", "g2"));
            }
            case JOIN_GROUP -> {
                JoinGroupRequest r = (JoinGroupRequest) body;
                assertThat(r.groupId()).as(at).isEqualTo("group-a");
                assertThat(r.rebalanceTimeoutMs()).as(at).isEqualTo(v >= 1 ? 30_000 : 10_000);
                assertThat(r.protocols().get(0).name()).as(at).isEqualTo("range");
                assertThat(r.protocols().get(0).metadata()).as(at).containsExactly(1, 2, 3);
            }
            case HEARTBEAT -> assertThat(((HeartbeatRequest) body).generationId()).as(at).isEqualTo(4);
            case LEAVE_GROUP -> {
                LeaveGroupRequest r = (LeaveGroupRequest) body;
                assertThat(r.members()).as(at).hasSize(1);
                assertThat(r.members().get(0).memberId()).as(at).isEqualTo("member-1");
            }
            case SYNC_GROUP -> {
                SyncGroupRequest r = (SyncGroupRequest) body;
                assertThat(r.assignments().get(0).assignment()).as(at).containsExactly(9);
            }
            case API_VERSIONS -> {
                ApiVersionsRequest r = (ApiVersionsRequest) body;
                if (v >= 3) {
                    assertThat(r.clientSoftwareName()).as(at).isEqualTo("kafka-java");
                }
            }
            case CREATE_TOPICS -> {
                CreateTopicsRequest r = (CreateTopicsRequest) body;
                assertThat(r.validateOnly()).as(at).isTrue();
                assertThat(r.topics().get(0).numPartitions()).as(at).isEqualTo(3);
                assertThat(r.topics().get(0).configs()).as(at).containsEntry("cleanup.policy", "compact");
            }
            case DELETE_TOPICS -> {
                DeleteTopicsRequest r = (DeleteTopicsRequest) body;
                if (v >= 6) {
                    assertThat(r.topics().get(0).topicId()).as(at).isEqualTo(JAVA_TOPIC_ID);
                } else {
                    assertThat(r.topics().get(0).name()).as(at).isEqualTo("orders");
                }
            }
            case INIT_PRODUCER_ID -> {
                InitProducerIdRequest r = (InitProducerIdRequest) body;
                assertThat(r.transactionTimeoutMs()).as(at).isEqualTo(60_000);
                assertThat(r.producerId()).as(at).isEqualTo(v >= 3 ? 77L : -1L);
            }
            case OFFSET_FOR_LEADER_EPOCH -> {
                OffsetForLeaderEpochRequest r = (OffsetForLeaderEpochRequest) body;
                assertThat(r.topics().get(0).partitions().get(0).leaderEpoch()).as(at).isEqualTo(2);
            }
            case DESCRIBE_CONFIGS -> {
                DescribeConfigsRequest r = (DescribeConfigsRequest) body;
                assertThat(r.resources().get(0).resourceName()).as(at).isEqualTo("orders");
                assertThat(r.resources().get(0).configurationKeys()).as(at).isNull();
            }
            case CREATE_PARTITIONS -> {
                CreatePartitionsRequest r = (CreatePartitionsRequest) body;
                assertThat(r.topics().get(0).count()).as(at).isEqualTo(6);
                assertThat(r.topics().get(0).assignments()).as(at).isNull();
            }
            case DESCRIBE_CLUSTER -> {
                DescribeClusterRequest r = (DescribeClusterRequest) body;
                assertThat(r.includeClusterAuthorizedOperations()).as(at).isTrue();
                assertThat(r.includeFencedBrokers()).as(at).isEqualTo(v >= 2);
            }
            case DELETE_RECORDS -> {
                DeleteRecordsRequest r = (DeleteRecordsRequest) body;
                assertThat(r.timeoutMs()).as(at).isEqualTo(5000);
                assertThat(r.topics().get(0).name()).as(at).isEqualTo("orders");
                assertThat(r.topics().get(0).partitions()).as(at).containsExactly(
                        new DeleteRecordsRequest.Partition(2, 42), new DeleteRecordsRequest.Partition(3, -1));
            }
            case DESCRIBE_GROUPS -> {
                DescribeGroupsRequest r = (DescribeGroupsRequest) body;
                assertThat(r.groupIds()).as(at).containsExactly("group-a", "group-b");
                assertThat(r.includeAuthorizedOperations()).as(at).isEqualTo(v >= 3);
            }
            case LIST_GROUPS -> {
                ListGroupsRequest r = (ListGroupsRequest) body;
                assertThat(r.statesFilter()).as(at).isEqualTo(v >= 4 ? List.of("Stable") : List.of());
                assertThat(r.typesFilter()).as(at).isEqualTo(v >= 5 ? List.of("classic") : List.of());
            }
            case DELETE_GROUPS -> assertThat(((DeleteGroupsRequest) body).groupIds()).as(at).containsExactly("group-a");
            case OFFSET_DELETE -> {
                OffsetDeleteRequest r = (OffsetDeleteRequest) body;
                assertThat(r.groupId()).as(at).isEqualTo("group-a");
                assertThat(r.topics()).as(at).hasSize(1);
                assertThat(r.topics().get(0).name()).as(at).isEqualTo("orders");
                assertThat(r.topics().get(0).partitions()).as(at).containsExactly(0, 2);
            }
            case DESCRIBE_ACLS -> {
                DescribeAclsRequest r = (DescribeAclsRequest) body;
                assertThat(r.resourceNameFilter()).as(at).isEqualTo("orders");
                assertThat(r.principalFilter()).as(at).isEqualTo("User:alice");
                assertThat(r.hostFilter()).as(at).isNull();
            }
            case ALTER_CONFIGS -> {
                AlterConfigsRequest r = (AlterConfigsRequest) body;
                assertThat(r.validateOnly()).as(at).isTrue();
                assertThat(r.resources().get(0).resourceName()).as(at).isEqualTo("orders");
                assertThat(r.resources().get(0).configs()).as(at)
                        .containsExactly(new AlterConfigsRequest.Setting("retention.ms", "1000"));
            }
            case INCREMENTAL_ALTER_CONFIGS -> {
                IncrementalAlterConfigsRequest r = (IncrementalAlterConfigsRequest) body;
                assertThat(r.validateOnly()).as(at).isFalse();
                assertThat(r.resources().get(0).resourceType()).as(at).isEqualTo((byte) 2);
                assertThat(r.resources().get(0).configs()).as(at).containsExactly(
                        new IncrementalAlterConfigsRequest.Change("max.message.bytes",
                                IncrementalAlterConfigsRequest.OP_SET, "2000"),
                        new IncrementalAlterConfigsRequest.Change("retention.ms",
                                IncrementalAlterConfigsRequest.OP_DELETE, null));
            }
        }
    }
}
