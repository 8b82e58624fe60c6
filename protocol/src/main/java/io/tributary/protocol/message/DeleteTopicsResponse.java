package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;
import java.util.UUID;

/** DeleteTopics response, one result per requested topic. */
public record DeleteTopicsResponse(int throttleTimeMs, List<Result> responses) implements ApiResponse {

    public record Result(String name, UUID topicId, ErrorCode error, String errorMessage) {
    }
}
