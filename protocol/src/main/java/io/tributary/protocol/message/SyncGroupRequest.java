package io.tributary.protocol.message;

import java.util.List;

/** SyncGroup request; only the leader sends assignments. */
public record SyncGroupRequest(String groupId, int generationId, String memberId, String groupInstanceId,
                               String protocolType, String protocolName, List<Assignment> assignments)
        implements ApiRequest {

    public record Assignment(String memberId, byte[] assignment) {
    }
}
