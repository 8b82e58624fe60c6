package io.tributary.protocol.message;

import java.util.List;

/** LeaveGroup request; versions 0-2 name one member, which arrives here as a one-element list. */
public record LeaveGroupRequest(String groupId, List<Member> members) implements ApiRequest {

    public record Member(String memberId, String groupInstanceId, String reason) {
    }
}
