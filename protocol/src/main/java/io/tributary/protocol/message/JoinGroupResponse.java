package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;

/** JoinGroup response; only the leader receives the members with their metadata. */
public record JoinGroupResponse(int throttleTimeMs, ErrorCode error, int generationId, String protocolType,
                                String protocolName, String leader, boolean skipAssignment, String memberId,
                                List<Member> members) implements ApiResponse {

    public record Member(String memberId, String groupInstanceId, byte[] metadata) {
    }
}
