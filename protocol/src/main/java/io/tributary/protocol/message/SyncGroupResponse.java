package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;

/** SyncGroup response carrying this member's assignment. */
public record SyncGroupResponse(int throttleTimeMs, ErrorCode error, String protocolType, String protocolName,
                                byte[] assignment) implements ApiResponse {
}
