package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;
import java.util.UUID;

/**
 * OffsetFetch response. A partition without a committed offset has offset -1. Versions before 8 write
 * the single group's error at top level.
 */
public record OffsetFetchResponse(int throttleTimeMs, List<Group> groups) implements ApiResponse {

    public record Group(String groupId, ErrorCode error, List<Topic> topics) {
    }

    public record Topic(String name, UUID topicId, List<Partition> partitions) {
    }

    public record Partition(int partition, long committedOffset, int committedLeaderEpoch, String metadata,
                            ErrorCode error) {
    }
}
