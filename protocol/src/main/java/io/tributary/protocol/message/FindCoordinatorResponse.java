package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;

/** FindCoordinator response, one coordinator per key (versions 0-3 write the first one at top level). */
public record FindCoordinatorResponse(int throttleTimeMs, List<Coordinator> coordinators) implements ApiResponse {

    public record Coordinator(String key, int nodeId, String host, int port, ErrorCode error, String errorMessage) {
    }
}
