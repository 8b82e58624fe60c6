package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;

/** LeaveGroup response; per-member results exist from v3 on. */
public record LeaveGroupResponse(int throttleTimeMs, ErrorCode error, List<Member> members) implements ApiResponse {

    public record Member(String memberId, String groupInstanceId, ErrorCode error) {
    }
}
