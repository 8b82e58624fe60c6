package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;

/** Heartbeat response; REBALANCE_IN_PROGRESS tells the member to rejoin. */
public record HeartbeatResponse(int throttleTimeMs, ErrorCode error) implements ApiResponse {
}
