package io.tributary.protocol.message;

import java.util.List;

/** OffsetDelete request: the partitions whose committed offsets a group should forget. */
public record OffsetDeleteRequest(String groupId, List<Topic> topics) implements ApiRequest {

    public record Topic(String name, List<Integer> partitions) {
    }
}
