package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;

/** DeleteGroups response, one result per requested group. */
public record DeleteGroupsResponse(int throttleTimeMs, List<Result> results) implements ApiResponse {

    public record Result(String groupId, ErrorCode error) {
    }
}
