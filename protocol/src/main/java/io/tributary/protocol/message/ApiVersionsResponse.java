package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;

/**
 * ApiVersions response. The protocol module fills {@code apiKeys} from its version table; the broker
 * only chooses the error.
 */
public record ApiVersionsResponse(ErrorCode error, List<ApiVersion> apiKeys, int throttleTimeMs) implements ApiResponse {

    /** An advertised range, inclusive at both ends. */
    public record ApiVersion(short apiKey, short minVersion, short maxVersion) {
    }
}
