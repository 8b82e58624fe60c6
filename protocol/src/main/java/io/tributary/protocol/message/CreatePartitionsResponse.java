package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;

/** CreatePartitions response, one result per requested topic. */
public record CreatePartitionsResponse(int throttleTimeMs, List<Result> results) implements ApiResponse {

    public record Result(String name, ErrorCode error, String errorMessage) {
    }
}
