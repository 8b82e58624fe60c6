package io.tributary.protocol.codec;

import static io.tributary.protocol.codec.KafkaTypes.code;

import io.tributary.protocol.message.DeleteGroupsRequest;
import io.tributary.protocol.message.DeleteGroupsResponse;
import io.tributary.protocol.message.DescribeGroupsRequest;
import io.tributary.protocol.message.DescribeGroupsResponse;
import io.tributary.protocol.message.ListGroupsRequest;
import io.tributary.protocol.message.ListGroupsResponse;
import io.tributary.protocol.message.OffsetDeleteRequest;
import io.tributary.protocol.message.OffsetDeleteResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.DeleteGroupsRequestData;
import org.apache.kafka.common.message.DeleteGroupsResponseData;
import org.apache.kafka.common.message.DescribeGroupsRequestData;
import org.apache.kafka.common.message.DescribeGroupsResponseData;
import org.apache.kafka.common.message.ListGroupsRequestData;
import org.apache.kafka.common.message.ListGroupsResponseData;
import org.apache.kafka.common.message.OffsetDeleteRequestData;
import org.apache.kafka.common.message.OffsetDeleteResponseData;

/**
 * Maps the group administration APIs (ListGroups, DescribeGroups, DeleteGroups, OffsetDelete) between
 * Kafka's generated messages and Tributary's records, in both directions. Stateless and thread-safe.
 */
final class GroupAdminMapper {

    /** The first DescribeGroups version that carries an error message per group. */
    private static final short DESCRIBE_GROUPS_ERROR_MESSAGE_MIN_VERSION = 6;
    /** The first DescribeGroups version that carries authorized operations. */
    private static final short DESCRIBE_GROUPS_AUTHORIZED_OPERATIONS_MIN_VERSION = 3;

    private static final byte[] EMPTY = new byte[0];

    private GroupAdminMapper() {
    }

    // Requests

    static ListGroupsRequest listGroups(ListGroupsRequestData data) {
        return new ListGroupsRequest(List.copyOf(data.statesFilter()), List.copyOf(data.typesFilter()));
    }

    static DescribeGroupsRequest describeGroups(DescribeGroupsRequestData data) {
        return new DescribeGroupsRequest(List.copyOf(data.groups()), data.includeAuthorizedOperations());
    }

    static DeleteGroupsRequest deleteGroups(DeleteGroupsRequestData data) {
        return new DeleteGroupsRequest(List.copyOf(data.groupsNames()));
    }

    static OffsetDeleteRequest offsetDelete(OffsetDeleteRequestData data) {
        List<OffsetDeleteRequest.Topic> topics = new ArrayList<>(data.topics().size());
        for (OffsetDeleteRequestData.OffsetDeleteRequestTopic topic : data.topics()) {
            List<Integer> partitions = new ArrayList<>(topic.partitions().size());
            for (OffsetDeleteRequestData.OffsetDeleteRequestPartition partition : topic.partitions()) {
                partitions.add(partition.partitionIndex());
            }
            topics.add(new OffsetDeleteRequest.Topic(topic.name(), partitions));
        }
        return new OffsetDeleteRequest(data.groupId(), topics);
    }

    // Responses

    /** Maps ListGroups; versions before v4 (state) and v5 (type) drop those ignorable fields silently. */
    static ListGroupsResponseData listGroups(ListGroupsResponse response) {
        ListGroupsResponseData data = new ListGroupsResponseData()
                .setThrottleTimeMs(response.throttleTimeMs())
                .setErrorCode(code(response.error()));
        for (ListGroupsResponse.ListedGroup group : response.groups()) {
            data.groups().add(new ListGroupsResponseData.ListedGroup()
                    .setGroupId(group.groupId())
                    .setProtocolType(group.protocolType() == null ? "" : group.protocolType())
                    .setGroupState(group.groupState() == null ? "" : group.groupState())
                    .setGroupType(group.groupType() == null ? "" : group.groupType()));
        }
        return data;
    }

    static DescribeGroupsResponseData describeGroups(DescribeGroupsResponse response, short version) {
        DescribeGroupsResponseData data = new DescribeGroupsResponseData()
                .setThrottleTimeMs(response.throttleTimeMs());
        for (DescribeGroupsResponse.DescribedGroup group : response.groups()) {
            DescribeGroupsResponseData.DescribedGroup groupData = new DescribeGroupsResponseData.DescribedGroup()
                    .setErrorCode(code(group.error()))
                    .setGroupId(group.groupId())
                    .setGroupState(nonNull(group.groupState()))
                    .setProtocolType(nonNull(group.protocolType()))
                    .setProtocolData(nonNull(group.protocolData()));
            if (version >= DESCRIBE_GROUPS_ERROR_MESSAGE_MIN_VERSION) {
                groupData.setErrorMessage(group.errorMessage());
            }
            if (version >= DESCRIBE_GROUPS_AUTHORIZED_OPERATIONS_MIN_VERSION) {
                groupData.setAuthorizedOperations(group.authorizedOperations());
            }
            for (DescribeGroupsResponse.Member member : group.members()) {
                // The instance id is ignorable, so versions 0-3 drop it.
                groupData.members().add(new DescribeGroupsResponseData.DescribedGroupMember()
                        .setMemberId(member.memberId())
                        .setGroupInstanceId(member.groupInstanceId())
                        .setClientId(nonNull(member.clientId()))
                        .setClientHost(nonNull(member.clientHost()))
                        .setMemberMetadata(member.metadata() == null ? EMPTY : member.metadata())
                        .setMemberAssignment(member.assignment() == null ? EMPTY : member.assignment()));
            }
            data.groups().add(groupData);
        }
        return data;
    }

    static DeleteGroupsResponseData deleteGroups(DeleteGroupsResponse response) {
        DeleteGroupsResponseData data = new DeleteGroupsResponseData().setThrottleTimeMs(response.throttleTimeMs());
        for (DeleteGroupsResponse.Result result : response.results()) {
            data.results().add(new DeleteGroupsResponseData.DeletableGroupResult()
                    .setGroupId(result.groupId())
                    .setErrorCode(code(result.error())));
        }
        return data;
    }

    static OffsetDeleteResponseData offsetDelete(OffsetDeleteResponse response) {
        OffsetDeleteResponseData data = new OffsetDeleteResponseData()
                .setThrottleTimeMs(response.throttleTimeMs())
                .setErrorCode(code(response.error()));
        for (OffsetDeleteResponse.Topic topic : response.topics()) {
            OffsetDeleteResponseData.OffsetDeleteResponsePartitionCollection partitions =
                    new OffsetDeleteResponseData.OffsetDeleteResponsePartitionCollection();
            for (OffsetDeleteResponse.Partition partition : topic.partitions()) {
                partitions.add(new OffsetDeleteResponseData.OffsetDeleteResponsePartition()
                        .setPartitionIndex(partition.partition())
                        .setErrorCode(code(partition.error())));
            }
            data.topics().add(new OffsetDeleteResponseData.OffsetDeleteResponseTopic()
                    .setName(topic.name())
                    .setPartitions(partitions));
        }
        return data;
    }

    private static String nonNull(String value) {
        return value == null ? "" : value;
    }
}
