package io.tributary.protocol.codec;

import static io.tributary.protocol.codec.KafkaTypes.code;
import static io.tributary.protocol.codec.KafkaTypes.toKafkaUuid;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiVersionTable;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.AlterConfigsResponse;
import io.tributary.protocol.message.ApiResponse;
import io.tributary.protocol.message.ApiVersionsResponse;
import io.tributary.protocol.message.CreatePartitionsResponse;
import io.tributary.protocol.message.CreateTopicsResponse;
import io.tributary.protocol.message.DeleteRecordsResponse;
import io.tributary.protocol.message.DeleteGroupsResponse;
import io.tributary.protocol.message.DeleteTopicsResponse;
import io.tributary.protocol.message.DescribeAclsResponse;
import io.tributary.protocol.message.DescribeClusterResponse;
import io.tributary.protocol.message.DescribeConfigsResponse;
import io.tributary.protocol.message.DescribeGroupsResponse;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.FindCoordinatorResponse;
import io.tributary.protocol.message.HeartbeatResponse;
import io.tributary.protocol.message.IncrementalAlterConfigsResponse;
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
import io.tributary.protocol.message.SyncGroupResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.message.CreatePartitionsResponseData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.DeleteRecordsResponseData;
import org.apache.kafka.common.message.DeleteTopicsResponseData;
import org.apache.kafka.common.message.DescribeAclsResponseData;
import org.apache.kafka.common.message.DescribeClusterResponseData;
import org.apache.kafka.common.message.DescribeConfigsResponseData;
import org.apache.kafka.common.message.FindCoordinatorResponseData;
import org.apache.kafka.common.message.HeartbeatResponseData;
import org.apache.kafka.common.message.IncrementalAlterConfigsResponseData;
import org.apache.kafka.common.message.InitProducerIdResponseData;
import org.apache.kafka.common.message.JoinGroupResponseData;
import org.apache.kafka.common.message.LeaveGroupResponseData;
import org.apache.kafka.common.message.ListOffsetsResponseData;
import org.apache.kafka.common.message.MetadataResponseData;
import org.apache.kafka.common.message.OffsetCommitResponseData;
import org.apache.kafka.common.message.OffsetForLeaderEpochResponseData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.message.SyncGroupResponseData;
import org.apache.kafka.common.protocol.ApiMessage;

/**
 * Maps Tributary's response records to Kafka's generated {@code *ResponseData} at a given version.
 * A field that does not exist at that version is left at its default, because the generated writers
 * reject non-default values of fields that the version cannot carry. Fetch and OffsetFetch live in
 * {@link FetchResponseMapper}, the group administration APIs in {@link GroupAdminMapper}. Stateless and
 * thread-safe.
 */
final class ResponseMapper {

    private ResponseMapper() {
    }

    /** Returns the API of the request that {@code response} replies to. */
    static ApiKey apiKeyOf(ApiResponse response) {
        if (response instanceof ProduceResponse) {
            return ApiKey.PRODUCE;
        } else if (response instanceof FetchResponse) {
            return ApiKey.FETCH;
        } else if (response instanceof ListOffsetsResponse) {
            return ApiKey.LIST_OFFSETS;
        } else if (response instanceof MetadataResponse) {
            return ApiKey.METADATA;
        } else if (response instanceof OffsetCommitResponse) {
            return ApiKey.OFFSET_COMMIT;
        } else if (response instanceof OffsetFetchResponse) {
            return ApiKey.OFFSET_FETCH;
        } else if (response instanceof FindCoordinatorResponse) {
            return ApiKey.FIND_COORDINATOR;
        } else if (response instanceof JoinGroupResponse) {
            return ApiKey.JOIN_GROUP;
        } else if (response instanceof HeartbeatResponse) {
            return ApiKey.HEARTBEAT;
        } else if (response instanceof LeaveGroupResponse) {
            return ApiKey.LEAVE_GROUP;
        } else if (response instanceof SyncGroupResponse) {
            return ApiKey.SYNC_GROUP;
        } else if (response instanceof ApiVersionsResponse) {
            return ApiKey.API_VERSIONS;
        } else if (response instanceof CreateTopicsResponse) {
            return ApiKey.CREATE_TOPICS;
        } else if (response instanceof DeleteTopicsResponse) {
            return ApiKey.DELETE_TOPICS;
        } else if (response instanceof InitProducerIdResponse) {
            return ApiKey.INIT_PRODUCER_ID;
        } else if (response instanceof OffsetForLeaderEpochResponse) {
            return ApiKey.OFFSET_FOR_LEADER_EPOCH;
        } else if (response instanceof DescribeConfigsResponse) {
            return ApiKey.DESCRIBE_CONFIGS;
        } else if (response instanceof CreatePartitionsResponse) {
            return ApiKey.CREATE_PARTITIONS;
        } else if (response instanceof DescribeClusterResponse) {
            return ApiKey.DESCRIBE_CLUSTER;
        } else if (response instanceof DeleteRecordsResponse) {
            return ApiKey.DELETE_RECORDS;
        } else if (response instanceof DescribeGroupsResponse) {
            return ApiKey.DESCRIBE_GROUPS;
        } else if (response instanceof ListGroupsResponse) {
            return ApiKey.LIST_GROUPS;
        } else if (response instanceof DeleteGroupsResponse) {
            return ApiKey.DELETE_GROUPS;
        } else if (response instanceof OffsetDeleteResponse) {
            return ApiKey.OFFSET_DELETE;
        } else if (response instanceof DescribeAclsResponse) {
            return ApiKey.DESCRIBE_ACLS;
        } else if (response instanceof AlterConfigsResponse) {
            return ApiKey.ALTER_CONFIGS;
        } else if (response instanceof IncrementalAlterConfigsResponse) {
            return ApiKey.INCREMENTAL_ALTER_CONFIGS;
        }
        throw new IllegalArgumentException("no API for response type " + response.getClass().getName());
    }

    static ApiMessage toData(ApiResponse response, short version) {
        if (response instanceof ProduceResponse r) {
            return produce(r, version);
        } else if (response instanceof FetchResponse r) {
            return FetchResponseMapper.fetch(r, version);
        } else if (response instanceof ListOffsetsResponse r) {
            return listOffsets(r, version);
        } else if (response instanceof MetadataResponse r) {
            return metadata(r, version);
        } else if (response instanceof OffsetCommitResponse r) {
            return offsetCommit(r, version);
        } else if (response instanceof OffsetFetchResponse r) {
            return FetchResponseMapper.offsetFetch(r, version);
        } else if (response instanceof FindCoordinatorResponse r) {
            return findCoordinator(r, version);
        } else if (response instanceof JoinGroupResponse r) {
            return joinGroup(r, version);
        } else if (response instanceof HeartbeatResponse r) {
            return new HeartbeatResponseData().setThrottleTimeMs(r.throttleTimeMs()).setErrorCode(code(r.error()));
        } else if (response instanceof LeaveGroupResponse r) {
            return leaveGroup(r, version);
        } else if (response instanceof SyncGroupResponse r) {
            return syncGroup(r, version);
        } else if (response instanceof ApiVersionsResponse r) {
            return apiVersions(r);
        } else if (response instanceof CreateTopicsResponse r) {
            return createTopics(r, version);
        } else if (response instanceof DeleteTopicsResponse r) {
            return deleteTopics(r, version);
        } else if (response instanceof InitProducerIdResponse r) {
            return new InitProducerIdResponseData().setThrottleTimeMs(r.throttleTimeMs())
                    .setErrorCode(code(r.error())).setProducerId(r.producerId()).setProducerEpoch(r.producerEpoch());
        } else if (response instanceof OffsetForLeaderEpochResponse r) {
            return offsetForLeaderEpoch(r);
        } else if (response instanceof DescribeConfigsResponse r) {
            return describeConfigs(r, version);
        } else if (response instanceof CreatePartitionsResponse r) {
            return createPartitions(r);
        } else if (response instanceof DescribeClusterResponse r) {
            return describeCluster(r, version);
        } else if (response instanceof DeleteRecordsResponse r) {
            return deleteRecords(r);
        } else if (response instanceof DescribeGroupsResponse r) {
            return GroupAdminMapper.describeGroups(r, version);
        } else if (response instanceof ListGroupsResponse r) {
            return GroupAdminMapper.listGroups(r);
        } else if (response instanceof DeleteGroupsResponse r) {
            return GroupAdminMapper.deleteGroups(r);
        } else if (response instanceof OffsetDeleteResponse r) {
            return GroupAdminMapper.offsetDelete(r);
        } else if (response instanceof DescribeAclsResponse r) {
            return new DescribeAclsResponseData().setThrottleTimeMs(r.throttleTimeMs()).setErrorCode(code(r.error()))
                    .setErrorMessage(r.errorMessage());
        } else if (response instanceof AlterConfigsResponse r) {
            return alterConfigs(r);
        } else if (response instanceof IncrementalAlterConfigsResponse r) {
            return incrementalAlterConfigs(r);
        }
        throw new IllegalArgumentException("no mapping for response type " + response.getClass().getName());
    }

    private static ProduceResponseData produce(ProduceResponse response, short version) {
        ProduceResponseData.TopicProduceResponseCollection topics =
                new ProduceResponseData.TopicProduceResponseCollection(response.topics().size());
        for (ProduceResponse.TopicResponse topic : response.topics()) {
            ProduceResponseData.TopicProduceResponse data = new ProduceResponseData.TopicProduceResponse();
            if (version >= 13) {
                data.setTopicId(toKafkaUuid(topic.topicId()));
            } else {
                data.setName(topic.name());
            }
            for (ProduceResponse.PartitionResponse p : topic.partitions()) {
                ProduceResponseData.PartitionProduceResponse partition = new ProduceResponseData.PartitionProduceResponse()
                        .setIndex(p.partition())
                        .setErrorCode(code(p.error()))
                        .setBaseOffset(p.baseOffset())
                        .setLogAppendTimeMs(p.logAppendTimeMs())
                        .setLogStartOffset(p.logStartOffset());
                if (version >= 8) {
                    List<ProduceResponseData.BatchIndexAndErrorMessage> recordErrors = new ArrayList<>();
                    if (p.recordErrors() != null) {
                        for (ProduceResponse.RecordError error : p.recordErrors()) {
                            recordErrors.add(new ProduceResponseData.BatchIndexAndErrorMessage()
                                    .setBatchIndex(error.batchIndex())
                                    .setBatchIndexErrorMessage(error.message()));
                        }
                    }
                    partition.setRecordErrors(recordErrors).setErrorMessage(p.errorMessage());
                }
                data.partitionResponses().add(partition);
            }
            topics.add(data);
        }
        return new ProduceResponseData().setResponses(topics).setThrottleTimeMs(response.throttleTimeMs());
    }

    private static ListOffsetsResponseData listOffsets(ListOffsetsResponse response, short version) {
        List<ListOffsetsResponseData.ListOffsetsTopicResponse> topics = new ArrayList<>(response.topics().size());
        for (ListOffsetsResponse.Topic topic : response.topics()) {
            List<ListOffsetsResponseData.ListOffsetsPartitionResponse> partitions = new ArrayList<>();
            for (ListOffsetsResponse.Partition p : topic.partitions()) {
                ListOffsetsResponseData.ListOffsetsPartitionResponse partition =
                        new ListOffsetsResponseData.ListOffsetsPartitionResponse()
                                .setPartitionIndex(p.partition())
                                .setErrorCode(code(p.error()))
                                .setTimestamp(p.timestamp())
                                .setOffset(p.offset());
                if (version >= 4) {
                    partition.setLeaderEpoch(p.leaderEpoch());
                }
                partitions.add(partition);
            }
            topics.add(new ListOffsetsResponseData.ListOffsetsTopicResponse().setName(topic.name())
                    .setPartitions(partitions));
        }
        return new ListOffsetsResponseData().setThrottleTimeMs(response.throttleTimeMs()).setTopics(topics);
    }

    private static MetadataResponseData metadata(MetadataResponse response, short version) {
        MetadataResponseData data = new MetadataResponseData()
                .setThrottleTimeMs(response.throttleTimeMs())
                .setClusterId(response.clusterId())
                .setControllerId(response.controllerId());
        for (MetadataResponse.Broker broker : response.brokers()) {
            data.brokers().add(new MetadataResponseData.MetadataResponseBroker()
                    .setNodeId(broker.nodeId()).setHost(broker.host()).setPort(broker.port()).setRack(broker.rack()));
        }
        for (MetadataResponse.TopicMetadata topic : response.topics()) {
            MetadataResponseData.MetadataResponseTopic topicData = new MetadataResponseData.MetadataResponseTopic()
                    .setErrorCode(code(topic.error()))
                    .setName(topic.name() == null && version < 12 ? "" : topic.name())
                    .setIsInternal(topic.internal())
                    .setTopicAuthorizedOperations(topic.topicAuthorizedOperations());
            if (version >= 10) {
                topicData.setTopicId(toKafkaUuid(topic.topicId()));
            }
            for (MetadataResponse.PartitionMetadata p : topic.partitions()) {
                topicData.partitions().add(new MetadataResponseData.MetadataResponsePartition()
                        .setErrorCode(code(p.error()))
                        .setPartitionIndex(p.partition())
                        .setLeaderId(p.leaderId())
                        .setLeaderEpoch(p.leaderEpoch())
                        .setReplicaNodes(p.replicas())
                        .setIsrNodes(p.isr())
                        .setOfflineReplicas(p.offlineReplicas() == null ? List.of() : p.offlineReplicas()));
            }
            data.topics().add(topicData);
        }
        return data;
    }

    private static OffsetCommitResponseData offsetCommit(OffsetCommitResponse response, short version) {
        List<OffsetCommitResponseData.OffsetCommitResponseTopic> topics = new ArrayList<>(response.topics().size());
        for (OffsetCommitResponse.Topic topic : response.topics()) {
            OffsetCommitResponseData.OffsetCommitResponseTopic data =
                    new OffsetCommitResponseData.OffsetCommitResponseTopic();
            if (version >= 10) {
                data.setTopicId(toKafkaUuid(topic.topicId()));
            } else {
                data.setName(topic.name());
            }
            for (OffsetCommitResponse.Partition p : topic.partitions()) {
                data.partitions().add(new OffsetCommitResponseData.OffsetCommitResponsePartition()
                        .setPartitionIndex(p.partition()).setErrorCode(code(p.error())));
            }
            topics.add(data);
        }
        return new OffsetCommitResponseData().setThrottleTimeMs(response.throttleTimeMs()).setTopics(topics);
    }

    private static FindCoordinatorResponseData findCoordinator(FindCoordinatorResponse response, short version) {
        FindCoordinatorResponseData data = new FindCoordinatorResponseData().setThrottleTimeMs(response.throttleTimeMs());
        if (version < 4) {
            // Versions 0-3 carry exactly one coordinator, at top level.
            if (response.coordinators().isEmpty()) {
                return data.setErrorCode(ErrorCode.COORDINATOR_NOT_AVAILABLE.code()).setNodeId(-1).setHost("")
                        .setPort(-1);
            }
            FindCoordinatorResponse.Coordinator c = response.coordinators().get(0);
            data.setErrorCode(code(c.error())).setNodeId(c.nodeId()).setHost(c.host() == null ? "" : c.host())
                    .setPort(c.port());
            if (version >= 1) {
                data.setErrorMessage(c.errorMessage());
            }
            return data;
        }
        for (FindCoordinatorResponse.Coordinator c : response.coordinators()) {
            data.coordinators().add(new FindCoordinatorResponseData.Coordinator()
                    .setKey(c.key())
                    .setNodeId(c.nodeId())
                    .setHost(c.host() == null ? "" : c.host())
                    .setPort(c.port())
                    .setErrorCode(code(c.error()))
                    .setErrorMessage(c.errorMessage()));
        }
        return data;
    }

    private static JoinGroupResponseData joinGroup(JoinGroupResponse response, short version) {
        JoinGroupResponseData data = new JoinGroupResponseData()
                .setThrottleTimeMs(response.throttleTimeMs())
                .setErrorCode(code(response.error()))
                .setGenerationId(response.generationId())
                .setLeader(response.leader() == null ? "" : response.leader())
                .setMemberId(response.memberId() == null ? "" : response.memberId());
        // The protocol name is nullable only from v7 on.
        data.setProtocolName(response.protocolName() == null && version < 7 ? "" : response.protocolName());
        if (version >= 7) {
            data.setProtocolType(response.protocolType());
        }
        if (version >= 9) {
            data.setSkipAssignment(response.skipAssignment());
        }
        if (response.members() != null) {
            for (JoinGroupResponse.Member member : response.members()) {
                JoinGroupResponseData.JoinGroupResponseMember memberData =
                        new JoinGroupResponseData.JoinGroupResponseMember()
                                .setMemberId(member.memberId())
                                .setMetadata(member.metadata());
                if (version >= 5) {
                    memberData.setGroupInstanceId(member.groupInstanceId());
                }
                data.members().add(memberData);
            }
        }
        return data;
    }

    private static LeaveGroupResponseData leaveGroup(LeaveGroupResponse response, short version) {
        LeaveGroupResponseData data = new LeaveGroupResponseData().setThrottleTimeMs(response.throttleTimeMs());
        List<LeaveGroupResponse.Member> members = response.members() == null ? List.of() : response.members();
        if (version < 3) {
            // Without per-member results the first member error becomes the top-level error.
            ErrorCode error = response.error() == null ? ErrorCode.NONE : response.error();
            for (LeaveGroupResponse.Member member : members) {
                if (error == ErrorCode.NONE && member.error() != null && member.error() != ErrorCode.NONE) {
                    error = member.error();
                }
            }
            return data.setErrorCode(error.code());
        }
        data.setErrorCode(code(response.error()));
        for (LeaveGroupResponse.Member member : members) {
            data.members().add(new LeaveGroupResponseData.MemberResponse()
                    .setMemberId(member.memberId())
                    .setGroupInstanceId(member.groupInstanceId())
                    .setErrorCode(code(member.error())));
        }
        return data;
    }

    private static SyncGroupResponseData syncGroup(SyncGroupResponse response, short version) {
        SyncGroupResponseData data = new SyncGroupResponseData()
                .setThrottleTimeMs(response.throttleTimeMs())
                .setErrorCode(code(response.error()))
                .setAssignment(response.assignment() == null ? new byte[0] : response.assignment());
        if (version >= 5) {
            data.setProtocolType(response.protocolType()).setProtocolName(response.protocolName());
        }
        return data;
    }

    /**
     * Builds the ApiVersions body. The API list comes from {@link ApiVersionTable} unless the response
     * carries its own. Supported and finalized features stay empty because Tributary implements none
     * of the feature-gated protocols (KIP-848 consumer groups, transaction version 2). The
     * {@code finalizedFeaturesEpoch} is -1, the value kafka-clients 4.4.0 uses for "no finalized features".
     */
    static ApiVersionsResponseData apiVersions(ApiVersionsResponse response) {
        List<ApiVersionsResponse.ApiVersion> versions = response.apiKeys() == null || response.apiKeys().isEmpty()
                ? ApiVersionTable.advertisedVersions()
                : response.apiKeys();
        ApiVersionsResponseData.ApiVersionCollection keys = new ApiVersionsResponseData.ApiVersionCollection();
        for (ApiVersionsResponse.ApiVersion version : versions) {
            keys.add(new ApiVersionsResponseData.ApiVersion()
                    .setApiKey(version.apiKey())
                    .setMinVersion(version.minVersion())
                    .setMaxVersion(version.maxVersion()));
        }
        return new ApiVersionsResponseData()
                .setErrorCode(code(response.error()))
                .setApiKeys(keys)
                .setThrottleTimeMs(response.throttleTimeMs())
                .setFinalizedFeaturesEpoch(-1L);
    }

    private static CreateTopicsResponseData createTopics(CreateTopicsResponse response, short version) {
        CreateTopicsResponseData data = new CreateTopicsResponseData().setThrottleTimeMs(response.throttleTimeMs());
        for (CreateTopicsResponse.Result topic : response.topics()) {
            CreateTopicsResponseData.CreatableTopicResult result = new CreateTopicsResponseData.CreatableTopicResult()
                    .setName(topic.name())
                    .setErrorCode(code(topic.error()))
                    .setErrorMessage(topic.errorMessage());
            if (version >= 7) {
                result.setTopicId(toKafkaUuid(topic.topicId()));
            }
            if (version >= 5) {
                result.setNumPartitions(topic.numPartitions()).setReplicationFactor(topic.replicationFactor());
                if (topic.configs() == null) {
                    result.setConfigs(null);
                } else {
                    for (DescribeConfigsResponse.ConfigEntry config : topic.configs()) {
                        result.configs().add(new CreateTopicsResponseData.CreatableTopicConfigs()
                                .setName(config.name())
                                .setValue(config.value())
                                .setReadOnly(config.readOnly())
                                .setConfigSource(config.source())
                                .setIsSensitive(config.sensitive()));
                    }
                }
            }
            data.topics().add(result);
        }
        return data;
    }

    private static DeleteTopicsResponseData deleteTopics(DeleteTopicsResponse response, short version) {
        DeleteTopicsResponseData data = new DeleteTopicsResponseData().setThrottleTimeMs(response.throttleTimeMs());
        for (DeleteTopicsResponse.Result topic : response.responses()) {
            DeleteTopicsResponseData.DeletableTopicResult result = new DeleteTopicsResponseData.DeletableTopicResult()
                    .setName(topic.name() == null && version < 6 ? "" : topic.name())
                    .setErrorCode(code(topic.error()));
            if (version >= 5) {
                result.setErrorMessage(topic.errorMessage());
            }
            if (version >= 6) {
                result.setTopicId(toKafkaUuid(topic.topicId()));
            }
            data.responses().add(result);
        }
        return data;
    }

    private static OffsetForLeaderEpochResponseData offsetForLeaderEpoch(OffsetForLeaderEpochResponse response) {
        OffsetForLeaderEpochResponseData data =
                new OffsetForLeaderEpochResponseData().setThrottleTimeMs(response.throttleTimeMs());
        for (OffsetForLeaderEpochResponse.Topic topic : response.topics()) {
            OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult result =
                    new OffsetForLeaderEpochResponseData.OffsetForLeaderTopicResult().setTopic(topic.name());
            for (OffsetForLeaderEpochResponse.EpochEndOffset p : topic.partitions()) {
                result.partitions().add(new OffsetForLeaderEpochResponseData.EpochEndOffset()
                        .setErrorCode(code(p.error()))
                        .setPartition(p.partition())
                        .setLeaderEpoch(p.leaderEpoch())
                        .setEndOffset(p.endOffset()));
            }
            data.topics().add(result);
        }
        return data;
    }

    private static DescribeConfigsResponseData describeConfigs(DescribeConfigsResponse response, short version) {
        DescribeConfigsResponseData data = new DescribeConfigsResponseData().setThrottleTimeMs(response.throttleTimeMs());
        for (DescribeConfigsResponse.Result resource : response.results()) {
            DescribeConfigsResponseData.DescribeConfigsResult result = new DescribeConfigsResponseData.DescribeConfigsResult()
                    .setErrorCode(code(resource.error()))
                    .setErrorMessage(resource.errorMessage())
                    .setResourceType(resource.resourceType())
                    .setResourceName(resource.resourceName());
            List<DescribeConfigsResponse.ConfigEntry> configs = resource.configs() == null ? List.of() : resource.configs();
            for (DescribeConfigsResponse.ConfigEntry config : configs) {
                DescribeConfigsResponseData.DescribeConfigsResourceResult entry =
                        new DescribeConfigsResponseData.DescribeConfigsResourceResult()
                                .setName(config.name())
                                .setValue(config.value())
                                .setReadOnly(config.readOnly())
                                .setConfigSource(config.source())
                                .setIsSensitive(config.sensitive());
                if (config.synonyms() != null) {
                    for (DescribeConfigsResponse.Synonym synonym : config.synonyms()) {
                        entry.synonyms().add(new DescribeConfigsResponseData.DescribeConfigsSynonym()
                                .setName(synonym.name()).setValue(synonym.value()).setSource(synonym.source()));
                    }
                }
                if (version >= 3) {
                    entry.setConfigType(config.configType()).setDocumentation(config.documentation());
                }
                result.configs().add(entry);
            }
            data.results().add(result);
        }
        return data;
    }

    private static CreatePartitionsResponseData createPartitions(CreatePartitionsResponse response) {
        CreatePartitionsResponseData data = new CreatePartitionsResponseData().setThrottleTimeMs(response.throttleTimeMs());
        for (CreatePartitionsResponse.Result result : response.results()) {
            data.results().add(new CreatePartitionsResponseData.CreatePartitionsTopicResult()
                    .setName(result.name())
                    .setErrorCode(code(result.error()))
                    .setErrorMessage(result.errorMessage()));
        }
        return data;
    }

    private static DescribeClusterResponseData describeCluster(DescribeClusterResponse response, short version) {
        DescribeClusterResponseData data = new DescribeClusterResponseData()
                .setThrottleTimeMs(response.throttleTimeMs())
                .setErrorCode(code(response.error()))
                .setErrorMessage(response.errorMessage())
                .setClusterId(response.clusterId())
                .setControllerId(response.controllerId())
                .setClusterAuthorizedOperations(response.clusterAuthorizedOperations());
        if (version >= 1) {
            data.setEndpointType(response.endpointType());
        }
        for (io.tributary.protocol.message.MetadataResponse.Broker broker : response.brokers()) {
            data.brokers().add(new DescribeClusterResponseData.DescribeClusterBroker()
                    .setBrokerId(broker.nodeId()).setHost(broker.host()).setPort(broker.port()).setRack(broker.rack()));
        }
        return data;
    }

    private static DeleteRecordsResponseData deleteRecords(DeleteRecordsResponse response) {
        DeleteRecordsResponseData data = new DeleteRecordsResponseData().setThrottleTimeMs(response.throttleTimeMs());
        for (DeleteRecordsResponse.Topic topic : response.topics()) {
            DeleteRecordsResponseData.DeleteRecordsTopicResult result =
                    new DeleteRecordsResponseData.DeleteRecordsTopicResult().setName(topic.name());
            for (DeleteRecordsResponse.Partition p : topic.partitions()) {
                result.partitions().add(new DeleteRecordsResponseData.DeleteRecordsPartitionResult()
                        .setPartitionIndex(p.partition())
                        .setLowWatermark(p.lowWatermark())
                        .setErrorCode(code(p.error())));
            }
            data.topics().add(result);
        }
        return data;
    }

    private static AlterConfigsResponseData alterConfigs(AlterConfigsResponse response) {
        AlterConfigsResponseData data = new AlterConfigsResponseData().setThrottleTimeMs(response.throttleTimeMs());
        for (AlterConfigsResponse.Result result : response.results()) {
            data.responses().add(new AlterConfigsResponseData.AlterConfigsResourceResponse()
                    .setErrorCode(code(result.error()))
                    .setErrorMessage(result.errorMessage())
                    .setResourceType(result.resourceType())
                    .setResourceName(result.resourceName()));
        }
        return data;
    }

    private static IncrementalAlterConfigsResponseData incrementalAlterConfigs(IncrementalAlterConfigsResponse response) {
        IncrementalAlterConfigsResponseData data =
                new IncrementalAlterConfigsResponseData().setThrottleTimeMs(response.throttleTimeMs());
        for (AlterConfigsResponse.Result result : response.results()) {
            data.responses().add(new IncrementalAlterConfigsResponseData.AlterConfigsResourceResponse()
                    .setErrorCode(code(result.error()))
                    .setErrorMessage(result.errorMessage())
                    .setResourceType(result.resourceType())
                    .setResourceName(result.resourceName()));
        }
        return data;
    }
}
