package io.tributary.protocol.message;

import java.util.List;

/** JoinGroup request of the classic group protocol; {@code rebalanceTimeoutMs} equals the session timeout before v1. */
public record JoinGroupRequest(String groupId, int sessionTimeoutMs, int rebalanceTimeoutMs, String memberId,
                               String groupInstanceId, String protocolType, List<Protocol> protocols, String reason)
        implements ApiRequest {

    public record Protocol(String name, byte[] metadata) {
    }
}
