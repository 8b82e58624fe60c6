package io.tributary.protocol.codec;

import static io.tributary.protocol.codec.KafkaTypes.toUuid;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.message.ApiRequest;
import io.tributary.protocol.message.AlterConfigsRequest;
import io.tributary.protocol.message.ApiVersionsRequest;
import io.tributary.protocol.message.CreatePartitionsRequest;
import io.tributary.protocol.message.CreateTopicsRequest;
import io.tributary.protocol.message.DeleteRecordsRequest;
import io.tributary.protocol.message.DeleteTopicsRequest;
import io.tributary.protocol.message.DescribeAclsRequest;
import io.tributary.protocol.message.DescribeClusterRequest;
import io.tributary.protocol.message.DescribeConfigsRequest;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FindCoordinatorRequest;
import io.tributary.protocol.message.HeartbeatRequest;
import io.tributary.protocol.message.IncrementalAlterConfigsRequest;
import io.tributary.protocol.message.InitProducerIdRequest;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.LeaveGroupRequest;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetFetchRequest;
import io.tributary.protocol.message.OffsetForLeaderEpochRequest;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.SyncGroupRequest;
import io.tributary.protocol.message.TopicIds;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.CreatePartitionsRequestData;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.DeleteRecordsRequestData;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteTopicsRequestData;
import org.apache.kafka.common.message.DescribeAclsRequestData;
import org.apache.kafka.common.message.DescribeClusterRequestData;
import org.apache.kafka.common.message.DescribeConfigsRequestData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FindCoordinatorRequestData;
import org.apache.kafka.common.message.HeartbeatRequestData;
import org.apache.kafka.common.message.IncrementalAlterConfigsRequestData;
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
import org.apache.kafka.common.protocol.Readable;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * Reads a request body with Kafka's generated {@code *RequestData} classes and maps it to Tributary's
 * request records. Version differences (one key or many, names or topic ids) are resolved here so the
 * broker gets one shape per API. Stateless and thread-safe. Parse errors are thrown as runtime exceptions.
 */
final class RequestMapper {

    private RequestMapper() {
    }

    static ApiRequest read(ApiKey key, short version, Readable body) {
        return switch (key) {
            case PRODUCE -> produce(new ProduceRequestData(body, version), version);
            case FETCH -> fetch(new FetchRequestData(body, version), version);
            case LIST_OFFSETS -> listOffsets(new ListOffsetsRequestData(body, version));
            case METADATA -> metadata(new MetadataRequestData(body, version), version);
            case OFFSET_COMMIT -> offsetCommit(new OffsetCommitRequestData(body, version));
            case OFFSET_FETCH -> offsetFetch(new OffsetFetchRequestData(body, version), version);
            case FIND_COORDINATOR -> findCoordinator(new FindCoordinatorRequestData(body, version), version);
            case JOIN_GROUP -> joinGroup(new JoinGroupRequestData(body, version), version);
            case HEARTBEAT -> heartbeat(new HeartbeatRequestData(body, version));
            case LEAVE_GROUP -> leaveGroup(new LeaveGroupRequestData(body, version), version);
            case SYNC_GROUP -> syncGroup(new SyncGroupRequestData(body, version));
            case API_VERSIONS -> apiVersions(new ApiVersionsRequestData(body, version));
            case CREATE_TOPICS -> createTopics(new CreateTopicsRequestData(body, version));
            case DELETE_TOPICS -> deleteTopics(new DeleteTopicsRequestData(body, version), version);
            case INIT_PRODUCER_ID -> initProducerId(new InitProducerIdRequestData(body, version));
            case OFFSET_FOR_LEADER_EPOCH -> offsetForLeaderEpoch(new OffsetForLeaderEpochRequestData(body, version));
            case DESCRIBE_CONFIGS -> describeConfigs(new DescribeConfigsRequestData(body, version));
            case CREATE_PARTITIONS -> createPartitions(new CreatePartitionsRequestData(body, version));
            case DESCRIBE_CLUSTER -> describeCluster(new DescribeClusterRequestData(body, version));
            case DELETE_RECORDS -> deleteRecords(new DeleteRecordsRequestData(body, version));
            case DESCRIBE_GROUPS -> GroupAdminMapper.describeGroups(new DescribeGroupsRequestData(body, version));
            case LIST_GROUPS -> GroupAdminMapper.listGroups(new ListGroupsRequestData(body, version));
            case DELETE_GROUPS -> GroupAdminMapper.deleteGroups(new DeleteGroupsRequestData(body, version));
            case OFFSET_DELETE -> GroupAdminMapper.offsetDelete(new OffsetDeleteRequestData(body, version));
            case DESCRIBE_ACLS -> describeAcls(new DescribeAclsRequestData(body, version));
            case ALTER_CONFIGS -> alterConfigs(new AlterConfigsRequestData(body, version));
            case INCREMENTAL_ALTER_CONFIGS -> incrementalAlterConfigs(new IncrementalAlterConfigsRequestData(body, version));
        };
    }

    private static ProduceRequest produce(ProduceRequestData data, short version) {
        List<ProduceRequest.TopicData> topics = new ArrayList<>(data.topicData().size());
        for (ProduceRequestData.TopicProduceData topic : data.topicData()) {
            List<ProduceRequest.PartitionData> partitions = new ArrayList<>(topic.partitionData().size());
            for (ProduceRequestData.PartitionProduceData partition : topic.partitionData()) {
                partitions.add(new ProduceRequest.PartitionData(partition.index(), recordsBuffer(partition.records())));
            }
            String name = version >= 13 ? null : topic.name();
            topics.add(new ProduceRequest.TopicData(name, toUuid(topic.topicId()), partitions));
        }
        return new ProduceRequest(data.transactionalId(), data.acks(), data.timeoutMs(), topics);
    }

    /**
     * Returns the records as a view of the frame, writable so that the broker can assign offsets in place.
     * Null records become an empty buffer.
     */
    private static ByteBuffer recordsBuffer(BaseRecords records) {
        if (records instanceof MemoryRecords memory) {
            return memory.buffer().slice();
        }
        return ByteBuffer.allocate(0);
    }

    private static FetchRequest fetch(FetchRequestData data, short version) {
        // From v15 on a follower identifies itself in ReplicaState instead of ReplicaId.
        int replicaId = version >= 15 ? data.replicaState().replicaId() : data.replicaId();
        List<FetchRequest.FetchTopic> topics = new ArrayList<>(data.topics().size());
        for (FetchRequestData.FetchTopic topic : data.topics()) {
            List<FetchRequest.FetchPartition> partitions = new ArrayList<>(topic.partitions().size());
            for (FetchRequestData.FetchPartition p : topic.partitions()) {
                partitions.add(new FetchRequest.FetchPartition(p.partition(), p.currentLeaderEpoch(), p.fetchOffset(),
                        p.lastFetchedEpoch(), p.logStartOffset(), p.partitionMaxBytes()));
            }
            topics.add(new FetchRequest.FetchTopic(version >= 13 ? null : topic.topic(), toUuid(topic.topicId()),
                    partitions));
        }
        List<FetchRequest.ForgottenTopic> forgotten = new ArrayList<>(data.forgottenTopicsData().size());
        for (FetchRequestData.ForgottenTopic topic : data.forgottenTopicsData()) {
            forgotten.add(new FetchRequest.ForgottenTopic(version >= 13 ? null : topic.topic(),
                    toUuid(topic.topicId()), List.copyOf(topic.partitions())));
        }
        return new FetchRequest(replicaId, data.maxWaitMs(), data.minBytes(), data.maxBytes(), data.isolationLevel(),
                data.sessionId(), data.sessionEpoch(), topics, forgotten, data.rackId());
    }

    private static ListOffsetsRequest listOffsets(ListOffsetsRequestData data) {
        List<ListOffsetsRequest.Topic> topics = new ArrayList<>(data.topics().size());
        for (ListOffsetsRequestData.ListOffsetsTopic topic : data.topics()) {
            List<ListOffsetsRequest.Partition> partitions = new ArrayList<>(topic.partitions().size());
            for (ListOffsetsRequestData.ListOffsetsPartition p : topic.partitions()) {
                partitions.add(new ListOffsetsRequest.Partition(p.partitionIndex(), p.currentLeaderEpoch(),
                        p.timestamp()));
            }
            topics.add(new ListOffsetsRequest.Topic(topic.name(), partitions));
        }
        return new ListOffsetsRequest(data.replicaId(), data.isolationLevel(), topics);
    }

    private static MetadataRequest metadata(MetadataRequestData data, short version) {
        // A null list requests all topics, and so does an empty list at v0, which cannot be null.
        if (data.topics() == null || (version == 0 && data.topics().isEmpty())) {
            return new MetadataRequest(null, data.allowAutoTopicCreation(), data.includeTopicAuthorizedOperations());
        }
        List<MetadataRequest.TopicRef> topics = new ArrayList<>(data.topics().size());
        for (MetadataRequestData.MetadataRequestTopic topic : data.topics()) {
            topics.add(new MetadataRequest.TopicRef(toUuid(topic.topicId()), topic.name()));
        }
        return new MetadataRequest(topics, data.allowAutoTopicCreation(), data.includeTopicAuthorizedOperations());
    }

    private static OffsetCommitRequest offsetCommit(OffsetCommitRequestData data) {
        List<OffsetCommitRequest.Topic> topics = new ArrayList<>(data.topics().size());
        for (OffsetCommitRequestData.OffsetCommitRequestTopic topic : data.topics()) {
            List<OffsetCommitRequest.Partition> partitions = new ArrayList<>(topic.partitions().size());
            for (OffsetCommitRequestData.OffsetCommitRequestPartition p : topic.partitions()) {
                partitions.add(new OffsetCommitRequest.Partition(p.partitionIndex(), p.committedOffset(),
                        p.committedLeaderEpoch(), p.committedMetadata()));
            }
            String name = topic.name() == null || topic.name().isEmpty() ? null : topic.name();
            topics.add(new OffsetCommitRequest.Topic(name, toUuid(topic.topicId()), partitions));
        }
        return new OffsetCommitRequest(data.groupId(), data.generationIdOrMemberEpoch(), data.memberId(),
                data.groupInstanceId(), data.retentionTimeMs(), topics);
    }

    private static OffsetFetchRequest offsetFetch(OffsetFetchRequestData data, short version) {
        if (version < 8) {
            List<OffsetFetchRequest.Topic> topics = null;
            if (data.topics() != null) {
                topics = new ArrayList<>(data.topics().size());
                for (OffsetFetchRequestData.OffsetFetchRequestTopic topic : data.topics()) {
                    topics.add(new OffsetFetchRequest.Topic(topic.name(), TopicIds.ZERO,
                            List.copyOf(topic.partitionIndexes())));
                }
            }
            OffsetFetchRequest.Group group = new OffsetFetchRequest.Group(data.groupId(), null, -1, topics);
            return new OffsetFetchRequest(List.of(group), data.requireStable());
        }
        List<OffsetFetchRequest.Group> groups = new ArrayList<>(data.groups().size());
        for (OffsetFetchRequestData.OffsetFetchRequestGroup group : data.groups()) {
            List<OffsetFetchRequest.Topic> topics = null;
            if (group.topics() != null) {
                topics = new ArrayList<>(group.topics().size());
                for (OffsetFetchRequestData.OffsetFetchRequestTopics topic : group.topics()) {
                    String name = topic.name() == null || topic.name().isEmpty() ? null : topic.name();
                    topics.add(new OffsetFetchRequest.Topic(name, toUuid(topic.topicId()),
                            List.copyOf(topic.partitionIndexes())));
                }
            }
            groups.add(new OffsetFetchRequest.Group(group.groupId(), group.memberId(), group.memberEpoch(), topics));
        }
        return new OffsetFetchRequest(groups, data.requireStable());
    }

    private static FindCoordinatorRequest findCoordinator(FindCoordinatorRequestData data, short version) {
        List<String> keys = version < 4 ? List.of(data.key()) : List.copyOf(data.coordinatorKeys());
        return new FindCoordinatorRequest(data.keyType(), keys);
    }

    private static JoinGroupRequest joinGroup(JoinGroupRequestData data, short version) {
        List<JoinGroupRequest.Protocol> protocols = new ArrayList<>(data.protocols().size());
        for (JoinGroupRequestData.JoinGroupRequestProtocol protocol : data.protocols()) {
            protocols.add(new JoinGroupRequest.Protocol(protocol.name(), protocol.metadata()));
        }
        int rebalanceTimeoutMs = version == 0 ? data.sessionTimeoutMs() : data.rebalanceTimeoutMs();
        return new JoinGroupRequest(data.groupId(), data.sessionTimeoutMs(), rebalanceTimeoutMs, data.memberId(),
                data.groupInstanceId(), data.protocolType(), protocols, data.reason());
    }

    private static HeartbeatRequest heartbeat(HeartbeatRequestData data) {
        return new HeartbeatRequest(data.groupId(), data.generationId(), data.memberId(), data.groupInstanceId());
    }

    private static LeaveGroupRequest leaveGroup(LeaveGroupRequestData data, short version) {
        if (version < 3) {
            return new LeaveGroupRequest(data.groupId(), List.of(new LeaveGroupRequest.Member(data.memberId(), null,
                    null)));
        }
        List<LeaveGroupRequest.Member> members = new ArrayList<>(data.members().size());
        for (LeaveGroupRequestData.MemberIdentity member : data.members()) {
            members.add(new LeaveGroupRequest.Member(member.memberId(), member.groupInstanceId(), member.reason()));
        }
        return new LeaveGroupRequest(data.groupId(), members);
    }

    private static SyncGroupRequest syncGroup(SyncGroupRequestData data) {
        List<SyncGroupRequest.Assignment> assignments = new ArrayList<>(data.assignments().size());
        for (SyncGroupRequestData.SyncGroupRequestAssignment assignment : data.assignments()) {
            assignments.add(new SyncGroupRequest.Assignment(assignment.memberId(), assignment.assignment()));
        }
        return new SyncGroupRequest(data.groupId(), data.generationId(), data.memberId(), data.groupInstanceId(),
                data.protocolType(), data.protocolName(), assignments);
    }

    private static ApiVersionsRequest apiVersions(ApiVersionsRequestData data) {
        return new ApiVersionsRequest(data.clientSoftwareName(), data.clientSoftwareVersion());
    }

    private static CreateTopicsRequest createTopics(CreateTopicsRequestData data) {
        List<CreateTopicsRequest.Topic> topics = new ArrayList<>(data.topics().size());
        for (CreateTopicsRequestData.CreatableTopic topic : data.topics()) {
            List<CreateTopicsRequest.Assignment> assignments = new ArrayList<>(topic.assignments().size());
            for (CreateTopicsRequestData.CreatableReplicaAssignment a : topic.assignments()) {
                assignments.add(new CreateTopicsRequest.Assignment(a.partitionIndex(), List.copyOf(a.brokerIds())));
            }
            Map<String, String> configs = new LinkedHashMap<>();
            for (CreateTopicsRequestData.CreatableTopicConfig config : topic.configs()) {
                configs.put(config.name(), config.value());
            }
            topics.add(new CreateTopicsRequest.Topic(topic.name(), topic.numPartitions(), topic.replicationFactor(),
                    assignments, configs));
        }
        return new CreateTopicsRequest(topics, data.timeoutMs(), data.validateOnly());
    }

    private static DeleteTopicsRequest deleteTopics(DeleteTopicsRequestData data, short version) {
        List<MetadataRequest.TopicRef> topics = new ArrayList<>();
        if (version < 6) {
            for (String name : data.topicNames()) {
                topics.add(new MetadataRequest.TopicRef(TopicIds.ZERO, name));
            }
        } else {
            for (DeleteTopicsRequestData.DeleteTopicState topic : data.topics()) {
                topics.add(new MetadataRequest.TopicRef(toUuid(topic.topicId()), topic.name()));
            }
        }
        return new DeleteTopicsRequest(topics, data.timeoutMs());
    }

    private static InitProducerIdRequest initProducerId(InitProducerIdRequestData data) {
        return new InitProducerIdRequest(data.transactionalId(), data.transactionTimeoutMs(), data.producerId(),
                data.producerEpoch());
    }

    private static OffsetForLeaderEpochRequest offsetForLeaderEpoch(OffsetForLeaderEpochRequestData data) {
        List<OffsetForLeaderEpochRequest.Topic> topics = new ArrayList<>(data.topics().size());
        for (OffsetForLeaderEpochRequestData.OffsetForLeaderTopic topic : data.topics()) {
            List<OffsetForLeaderEpochRequest.Partition> partitions = new ArrayList<>(topic.partitions().size());
            for (OffsetForLeaderEpochRequestData.OffsetForLeaderPartition p : topic.partitions()) {
                partitions.add(new OffsetForLeaderEpochRequest.Partition(p.partition(), p.currentLeaderEpoch(),
                        p.leaderEpoch()));
            }
            topics.add(new OffsetForLeaderEpochRequest.Topic(topic.topic(), partitions));
        }
        return new OffsetForLeaderEpochRequest(data.replicaId(), topics);
    }

    private static DescribeConfigsRequest describeConfigs(DescribeConfigsRequestData data) {
        List<DescribeConfigsRequest.Resource> resources = new ArrayList<>(data.resources().size());
        for (DescribeConfigsRequestData.DescribeConfigsResource r : data.resources()) {
            List<String> keys = r.configurationKeys() == null ? null : List.copyOf(r.configurationKeys());
            resources.add(new DescribeConfigsRequest.Resource(r.resourceType(), r.resourceName(), keys));
        }
        return new DescribeConfigsRequest(resources, data.includeSynonyms(), data.includeDocumentation());
    }

    private static CreatePartitionsRequest createPartitions(CreatePartitionsRequestData data) {
        List<CreatePartitionsRequest.Topic> topics = new ArrayList<>(data.topics().size());
        for (CreatePartitionsRequestData.CreatePartitionsTopic topic : data.topics()) {
            List<List<Integer>> assignments = null;
            if (topic.assignments() != null) {
                assignments = new ArrayList<>(topic.assignments().size());
                for (CreatePartitionsRequestData.CreatePartitionsAssignment a : topic.assignments()) {
                    assignments.add(List.copyOf(a.brokerIds()));
                }
            }
            topics.add(new CreatePartitionsRequest.Topic(topic.name(), topic.count(), assignments));
        }
        return new CreatePartitionsRequest(topics, data.timeoutMs(), data.validateOnly());
    }

    private static DescribeClusterRequest describeCluster(DescribeClusterRequestData data) {
        return new DescribeClusterRequest(data.includeClusterAuthorizedOperations(), data.endpointType(),
                data.includeFencedBrokers());
    }

    private static DeleteRecordsRequest deleteRecords(DeleteRecordsRequestData data) {
        List<DeleteRecordsRequest.Topic> topics = new ArrayList<>(data.topics().size());
        for (DeleteRecordsRequestData.DeleteRecordsTopic topic : data.topics()) {
            List<DeleteRecordsRequest.Partition> partitions = new ArrayList<>(topic.partitions().size());
            for (DeleteRecordsRequestData.DeleteRecordsPartition p : topic.partitions()) {
                partitions.add(new DeleteRecordsRequest.Partition(p.partitionIndex(), p.offset()));
            }
            topics.add(new DeleteRecordsRequest.Topic(topic.name(), partitions));
        }
        return new DeleteRecordsRequest(topics, data.timeoutMs());
    }

    private static DescribeAclsRequest describeAcls(DescribeAclsRequestData data) {
        return new DescribeAclsRequest(data.resourceTypeFilter(), data.resourceNameFilter(), data.patternTypeFilter(),
                data.principalFilter(), data.hostFilter(), data.operation(), data.permissionType());
    }

    private static AlterConfigsRequest alterConfigs(AlterConfigsRequestData data) {
        List<AlterConfigsRequest.Resource> resources = new ArrayList<>(data.resources().size());
        for (AlterConfigsRequestData.AlterConfigsResource r : data.resources()) {
            List<AlterConfigsRequest.Setting> configs = new ArrayList<>(r.configs().size());
            for (AlterConfigsRequestData.AlterableConfig config : r.configs()) {
                configs.add(new AlterConfigsRequest.Setting(config.name(), config.value()));
            }
            resources.add(new AlterConfigsRequest.Resource(r.resourceType(), r.resourceName(), configs));
        }
        return new AlterConfigsRequest(resources, data.validateOnly());
    }

    private static IncrementalAlterConfigsRequest incrementalAlterConfigs(IncrementalAlterConfigsRequestData data) {
        List<IncrementalAlterConfigsRequest.Resource> resources = new ArrayList<>(data.resources().size());
        for (IncrementalAlterConfigsRequestData.AlterConfigsResource r : data.resources()) {
            List<IncrementalAlterConfigsRequest.Change> configs = new ArrayList<>(r.configs().size());
            for (IncrementalAlterConfigsRequestData.AlterableConfig config : r.configs()) {
                configs.add(new IncrementalAlterConfigsRequest.Change(config.name(), config.configOperation(),
                        config.value()));
            }
            resources.add(new IncrementalAlterConfigsRequest.Resource(r.resourceType(), r.resourceName(), configs));
        }
        return new IncrementalAlterConfigsRequest(resources, data.validateOnly());
    }
}
