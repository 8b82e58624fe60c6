package io.tributary.protocol.message;

import java.util.List;
import java.util.UUID;

/**
 * OffsetFetch request. Versions 0-7 ask for one group, v8+ for several; both arrive here as
 * {@code groups}. A null topic list asks for every committed partition of the group.
 */
public record OffsetFetchRequest(List<Group> groups, boolean requireStable) implements ApiRequest {

    public record Group(String groupId, String memberId, int memberEpoch, List<Topic> topics) {
    }

    public record Topic(String name, UUID topicId, List<Integer> partitions) {
    }
}
