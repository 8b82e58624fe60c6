package io.tributary.protocol.message;

/** Heartbeat request of the classic group protocol. */
public record HeartbeatRequest(String groupId, int generationId, String memberId, String groupInstanceId)
        implements ApiRequest {
}
