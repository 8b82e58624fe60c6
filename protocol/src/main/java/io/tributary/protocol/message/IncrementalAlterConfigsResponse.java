package io.tributary.protocol.message;

import java.util.List;

/** IncrementalAlterConfigs answer, one result per requested resource, shaped as AlterConfigs' results. */
public record IncrementalAlterConfigsResponse(int throttleTimeMs, List<AlterConfigsResponse.Result> results)
        implements ApiResponse {
}
