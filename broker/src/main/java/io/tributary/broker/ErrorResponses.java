package io.tributary.broker;

import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.AlterConfigsRequest;
import io.tributary.protocol.message.AlterConfigsResponse;
import io.tributary.protocol.message.ApiRequest;
import io.tributary.protocol.message.ApiResponse;
import io.tributary.protocol.message.ApiVersionsRequest;
import io.tributary.protocol.message.ApiVersionsResponse;
import io.tributary.protocol.message.CreatePartitionsRequest;
import io.tributary.protocol.message.CreatePartitionsResponse;
import io.tributary.protocol.message.CreateTopicsRequest;
import io.tributary.protocol.message.CreateTopicsResponse;
import io.tributary.protocol.message.DeleteRecordsRequest;
import io.tributary.protocol.message.DeleteRecordsResponse;
import io.tributary.protocol.message.DeleteGroupsRequest;
import io.tributary.protocol.message.DeleteGroupsResponse;
import io.tributary.protocol.message.DeleteTopicsRequest;
import io.tributary.protocol.message.DeleteTopicsResponse;
import io.tributary.protocol.message.DescribeAclsRequest;
import io.tributary.protocol.message.DescribeAclsResponse;
import io.tributary.protocol.message.DescribeClusterRequest;
import io.tributary.protocol.message.DescribeClusterResponse;
import io.tributary.protocol.message.DescribeConfigsRequest;
import io.tributary.protocol.message.DescribeConfigsResponse;
import io.tributary.protocol.message.DescribeGroupsRequest;
import io.tributary.protocol.message.DescribeGroupsResponse;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.FindCoordinatorRequest;
import io.tributary.protocol.message.FindCoordinatorResponse;
import io.tributary.protocol.message.HeartbeatRequest;
import io.tributary.protocol.message.HeartbeatResponse;
import io.tributary.protocol.message.IncrementalAlterConfigsRequest;
import io.tributary.protocol.message.IncrementalAlterConfigsResponse;
import io.tributary.protocol.message.InitProducerIdRequest;
import io.tributary.protocol.message.InitProducerIdResponse;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.LeaveGroupRequest;
import io.tributary.protocol.message.LeaveGroupResponse;
import io.tributary.protocol.message.ListGroupsRequest;
import io.tributary.protocol.message.ListGroupsResponse;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.message.ListOffsetsResponse;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.MetadataResponse;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetCommitResponse;
import io.tributary.protocol.message.OffsetDeleteRequest;
import io.tributary.protocol.message.OffsetDeleteResponse;
import io.tributary.protocol.message.OffsetFetchRequest;
import io.tributary.protocol.message.OffsetFetchResponse;
import io.tributary.protocol.message.OffsetForLeaderEpochRequest;
import io.tributary.protocol.message.OffsetForLeaderEpochResponse;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.protocol.message.SyncGroupRequest;
import io.tributary.protocol.message.SyncGroupResponse;
import io.tributary.protocol.message.TopicIds;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds the response that reports one error for everything a request asked for, used when a handler failed
 * unexpectedly. Every topic, partition, group or resource of the request gets the error, so the client sees
 * a well-formed response of the right API.
 */
final class ErrorResponses {

    private ErrorResponses() {
    }

    static ApiResponse forRequest(ApiRequest request, ErrorCode error, String message, BrokerConfig config) {
        if (request instanceof ProduceRequest produce) {
            return produce(produce, error, message);
        }
        if (request instanceof FetchRequest) {
            return new FetchResponse(0, error, 0, List.of());
        }
        if (request instanceof ListOffsetsRequest listOffsets) {
            return listOffsets(listOffsets, error);
        }
        if (request instanceof MetadataRequest metadata) {
            return metadata(metadata, error, config);
        }
        if (request instanceof OffsetForLeaderEpochRequest epochs) {
            return offsetForLeaderEpoch(epochs, error);
        }
        if (request instanceof CreateTopicsRequest create) {
            List<CreateTopicsResponse.Result> results = new ArrayList<>();
            for (CreateTopicsRequest.Topic topic : create.topics()) {
                results.add(new CreateTopicsResponse.Result(topic.name(), TopicIds.ZERO, error, message, -1,
                        (short) -1, null));
            }
            return new CreateTopicsResponse(0, results);
        }
        if (request instanceof CreatePartitionsRequest create) {
            List<CreatePartitionsResponse.Result> results = new ArrayList<>();
            for (CreatePartitionsRequest.Topic topic : create.topics()) {
                results.add(new CreatePartitionsResponse.Result(topic.name(), error, message));
            }
            return new CreatePartitionsResponse(0, results);
        }
        if (request instanceof DeleteTopicsRequest delete) {
            List<DeleteTopicsResponse.Result> results = new ArrayList<>();
            for (MetadataRequest.TopicRef topic : delete.topics()) {
                results.add(new DeleteTopicsResponse.Result(topic.name(), topic.topicId(), error, message));
            }
            return new DeleteTopicsResponse(0, results);
        }
        if (request instanceof DescribeConfigsRequest describe) {
            List<DescribeConfigsResponse.Result> results = new ArrayList<>();
            for (DescribeConfigsRequest.Resource resource : describe.resources()) {
                results.add(new DescribeConfigsResponse.Result(error, message, resource.resourceType(),
                        resource.resourceName(), List.of()));
            }
            return new DescribeConfigsResponse(0, results);
        }
        if (request instanceof FindCoordinatorRequest find) {
            List<FindCoordinatorResponse.Coordinator> coordinators = new ArrayList<>();
            for (String key : find.keys()) {
                coordinators.add(new FindCoordinatorResponse.Coordinator(key, -1, "", -1, error, message));
            }
            return new FindCoordinatorResponse(0, coordinators);
        }
        if (request instanceof OffsetCommitRequest commit) {
            return offsetCommit(commit, error);
        }
        if (request instanceof DeleteRecordsRequest deleteRecords) {
            return deleteRecords(deleteRecords, error);
        }
        if (request instanceof OffsetFetchRequest fetch) {
            List<OffsetFetchResponse.Group> groups = new ArrayList<>();
            for (OffsetFetchRequest.Group group : fetch.groups()) {
                groups.add(new OffsetFetchResponse.Group(group.groupId(), error, List.of()));
            }
            return new OffsetFetchResponse(0, groups);
        }
        return simple(request, error, message);
    }

    private static ApiResponse simple(ApiRequest request, ErrorCode error, String message) {
        if (request instanceof ApiVersionsRequest) {
            return new ApiVersionsResponse(error, List.of(), 0);
        }
        if (request instanceof InitProducerIdRequest) {
            return new InitProducerIdResponse(0, error, -1, (short) -1);
        }
        if (request instanceof DescribeClusterRequest) {
            return new DescribeClusterResponse(0, error, message, (byte) 1, null, -1, List.of(), Integer.MIN_VALUE);
        }
        if (request instanceof JoinGroupRequest) {
            return new JoinGroupResponse(0, error, -1, null, null, "", false, "", List.of());
        }
        if (request instanceof SyncGroupRequest) {
            return new SyncGroupResponse(0, error, null, null, new byte[0]);
        }
        if (request instanceof HeartbeatRequest) {
            return new HeartbeatResponse(0, error);
        }
        if (request instanceof LeaveGroupRequest) {
            return new LeaveGroupResponse(0, error, List.of());
        }
        if (request instanceof IncrementalAlterConfigsRequest alter) {
            List<AlterConfigsResponse.Result> results = new ArrayList<>();
            for (IncrementalAlterConfigsRequest.Resource resource : alter.resources()) {
                results.add(new AlterConfigsResponse.Result(error, message, resource.resourceType(),
                        resource.resourceName()));
            }
            return new IncrementalAlterConfigsResponse(0, results);
        }
        if (request instanceof AlterConfigsRequest alter) {
            List<AlterConfigsResponse.Result> results = new ArrayList<>();
            for (AlterConfigsRequest.Resource resource : alter.resources()) {
                results.add(new AlterConfigsResponse.Result(error, message, resource.resourceType(),
                        resource.resourceName()));
            }
            return new AlterConfigsResponse(0, results);
        }
        if (request instanceof DescribeAclsRequest) {
            return new DescribeAclsResponse(0, error, message);
        }
        return groupAdmin(request, error, message);
    }

    private static ApiResponse groupAdmin(ApiRequest request, ErrorCode error, String message) {
        if (request instanceof ListGroupsRequest) {
            return new ListGroupsResponse(0, error, List.of());
        }
        if (request instanceof DescribeGroupsRequest describe) {
            List<DescribeGroupsResponse.DescribedGroup> groups = new ArrayList<>();
            for (String groupId : describe.groupIds()) {
                groups.add(new DescribeGroupsResponse.DescribedGroup(error, message, groupId, "", "", "", List.of(),
                        DescribeGroupsResponse.AUTHORIZED_OPERATIONS_OMITTED));
            }
            return new DescribeGroupsResponse(0, groups);
        }
        if (request instanceof DeleteGroupsRequest delete) {
            List<DeleteGroupsResponse.Result> results = new ArrayList<>();
            for (String groupId : delete.groupIds()) {
                results.add(new DeleteGroupsResponse.Result(groupId, error));
            }
            return new DeleteGroupsResponse(0, results);
        }
        if (request instanceof OffsetDeleteRequest) {
            return new OffsetDeleteResponse(0, error, List.of());
        }
        throw new IllegalArgumentException("No error response for " + request.getClass().getSimpleName());
    }

    private static ProduceResponse produce(ProduceRequest request, ErrorCode error, String message) {
        List<ProduceResponse.TopicResponse> topics = new ArrayList<>();
        for (ProduceRequest.TopicData topic : request.topics()) {
            List<ProduceResponse.PartitionResponse> partitions = new ArrayList<>();
            for (ProduceRequest.PartitionData partition : topic.partitions()) {
                partitions.add(new ProduceResponse.PartitionResponse(partition.partition(), error, -1, -1, -1,
                        List.of(), message));
            }
            topics.add(new ProduceResponse.TopicResponse(topic.name(), topic.topicId(), partitions));
        }
        return new ProduceResponse(topics, 0);
    }

    private static ListOffsetsResponse listOffsets(ListOffsetsRequest request, ErrorCode error) {
        List<ListOffsetsResponse.Topic> topics = new ArrayList<>();
        for (ListOffsetsRequest.Topic topic : request.topics()) {
            List<ListOffsetsResponse.Partition> partitions = new ArrayList<>();
            for (ListOffsetsRequest.Partition partition : topic.partitions()) {
                partitions.add(new ListOffsetsResponse.Partition(partition.partition(), error, -1, -1, -1));
            }
            topics.add(new ListOffsetsResponse.Topic(topic.name(), partitions));
        }
        return new ListOffsetsResponse(0, topics);
    }

    private static MetadataResponse metadata(MetadataRequest request, ErrorCode error, BrokerConfig config) {
        List<MetadataResponse.TopicMetadata> topics = new ArrayList<>();
        if (request.topics() != null) {
            for (MetadataRequest.TopicRef topic : request.topics()) {
                topics.add(new MetadataResponse.TopicMetadata(error, topic.name(), topic.topicId(), false, List.of(),
                        Integer.MIN_VALUE));
            }
        }
        MetadataResponse.Broker self = new MetadataResponse.Broker(config.nodeId(), config.advertisedHost(),
                config.advertisedPort(), null);
        return new MetadataResponse(0, List.of(self), config.clusterId(), config.nodeId(), topics);
    }

    private static OffsetForLeaderEpochResponse offsetForLeaderEpoch(OffsetForLeaderEpochRequest request,
                                                                     ErrorCode error) {
        List<OffsetForLeaderEpochResponse.Topic> topics = new ArrayList<>();
        for (OffsetForLeaderEpochRequest.Topic topic : request.topics()) {
            List<OffsetForLeaderEpochResponse.EpochEndOffset> partitions = new ArrayList<>();
            for (OffsetForLeaderEpochRequest.Partition partition : topic.partitions()) {
                partitions.add(new OffsetForLeaderEpochResponse.EpochEndOffset(error, partition.partition(), -1, -1));
            }
            topics.add(new OffsetForLeaderEpochResponse.Topic(topic.name(), partitions));
        }
        return new OffsetForLeaderEpochResponse(0, topics);
    }

    private static OffsetCommitResponse offsetCommit(OffsetCommitRequest request, ErrorCode error) {
        List<OffsetCommitResponse.Topic> topics = new ArrayList<>();
        for (OffsetCommitRequest.Topic topic : request.topics()) {
            List<OffsetCommitResponse.Partition> partitions = new ArrayList<>();
            for (OffsetCommitRequest.Partition partition : topic.partitions()) {
                partitions.add(new OffsetCommitResponse.Partition(partition.partition(), error));
            }
            topics.add(new OffsetCommitResponse.Topic(topic.name(), topic.topicId(), partitions));
        }
        return new OffsetCommitResponse(0, topics);
    }

    private static DeleteRecordsResponse deleteRecords(DeleteRecordsRequest request, ErrorCode error) {
        List<DeleteRecordsResponse.Topic> topics = new ArrayList<>();
        for (DeleteRecordsRequest.Topic topic : request.topics()) {
            List<DeleteRecordsResponse.Partition> partitions = new ArrayList<>();
            for (DeleteRecordsRequest.Partition partition : topic.partitions()) {
                partitions.add(new DeleteRecordsResponse.Partition(partition.partition(),
                        DeleteRecordsResponse.INVALID_LOW_WATERMARK, error));
            }
            topics.add(new DeleteRecordsResponse.Topic(topic.name(), partitions));
        }
        return new DeleteRecordsResponse(0, topics);
    }
}
