package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;

/** DeleteRecords response. A partition's low watermark is its log start offset, or -1 on error. */
public record DeleteRecordsResponse(int throttleTimeMs, List<Topic> topics) implements ApiResponse {

    /** The low watermark of a partition whose deletion failed. */
    public static final long INVALID_LOW_WATERMARK = -1L;

    public record Topic(String name, List<Partition> partitions) {
    }

    public record Partition(int partition, long lowWatermark, ErrorCode error) {
    }
}
