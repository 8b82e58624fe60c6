package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;

/** DescribeGroups response, one entry per requested group. */
public record DescribeGroupsResponse(int throttleTimeMs, List<DescribedGroup> groups) implements ApiResponse {

    /** The value of {@code authorizedOperations} when the client did not request them. */
    public static final int AUTHORIZED_OPERATIONS_OMITTED = Integer.MIN_VALUE;

    /**
     * One group.
     *
     * @param errorMessage         sent from v6 on
     * @param protocolData         the name of the chosen protocol (the assignor), "" unless the group is Stable
     * @param authorizedOperations a bit set of ACL operations, sent from v3 on
     */
    public record DescribedGroup(ErrorCode error, String errorMessage, String groupId, String groupState,
                                 String protocolType, String protocolData, List<Member> members,
                                 int authorizedOperations) {
    }

    /**
     * One member.
     *
     * @param groupInstanceId sent from v4 on; null for a dynamic member
     * @param metadata        the member's metadata for the chosen protocol, empty unless the group is Stable
     * @param assignment      the member's assignment, empty unless the group is Stable
     */
    public record Member(String memberId, String groupInstanceId, String clientId, String clientHost,
                         byte[] metadata, byte[] assignment) {
    }
}
