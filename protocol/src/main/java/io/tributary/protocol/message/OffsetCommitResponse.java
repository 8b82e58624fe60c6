package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;
import java.util.UUID;

/** OffsetCommit response, one error per partition. */
public record OffsetCommitResponse(int throttleTimeMs, List<Topic> topics) implements ApiResponse {

    public record Topic(String name, UUID topicId, List<Partition> partitions) {
    }

    public record Partition(int partition, ErrorCode error) {
    }
}
