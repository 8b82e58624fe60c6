package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;

/** ListGroups response. The group state is sent from v4 on and the group type from v5 on. */
public record ListGroupsResponse(int throttleTimeMs, ErrorCode error, List<ListedGroup> groups)
        implements ApiResponse {

    /**
     * One group.
     *
     * @param protocolType the protocol type of its members, "consumer" for consumers, "" if it has none
     * @param groupState   the state name as Kafka spells it, such as "Stable" or "Empty"
     * @param groupType    "classic" for a group of the classic protocol
     */
    public record ListedGroup(String groupId, String protocolType, String groupState, String groupType) {
    }
}
