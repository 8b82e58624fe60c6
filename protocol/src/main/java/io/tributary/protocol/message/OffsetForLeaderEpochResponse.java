package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;

/** OffsetForLeaderEpoch response; an unknown epoch ends at -1 with epoch -1. */
public record OffsetForLeaderEpochResponse(int throttleTimeMs, List<Topic> topics) implements ApiResponse {

    public record Topic(String name, List<EpochEndOffset> partitions) {
    }

    public record EpochEndOffset(ErrorCode error, int partition, int leaderEpoch, long endOffset) {
    }
}
