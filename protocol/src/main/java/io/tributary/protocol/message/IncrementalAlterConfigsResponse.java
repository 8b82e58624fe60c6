package io.tributary.protocol.message;

import java.util.List;

/** IncrementalAlterConfigs response: one result per requested resource, of the same shape as AlterConfigs results. */
public record IncrementalAlterConfigsResponse(int throttleTimeMs, List<AlterConfigsResponse.Result> results)
        implements ApiResponse {
}
