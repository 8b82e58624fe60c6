package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;

/** ListOffsets response; an offset not found by timestamp is -1 with timestamp -1. */
public record ListOffsetsResponse(int throttleTimeMs, List<Topic> topics) implements ApiResponse {

    public record Topic(String name, List<Partition> partitions) {
    }

    public record Partition(int partition, ErrorCode error, long timestamp, long offset, int leaderEpoch) {
    }
}
