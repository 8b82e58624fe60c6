package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;

/** AlterConfigs response: one result per requested resource. */
public record AlterConfigsResponse(int throttleTimeMs, List<Result> results) implements ApiResponse {

    /** The outcome for one resource; {@code errorMessage} is null on success. */
    public record Result(ErrorCode error, String errorMessage, byte resourceType, String resourceName) {
    }
}
