package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;

/**
 * OffsetDelete response. A top-level error (such as GROUP_ID_NOT_FOUND) comes without topics. Without one,
 * each requested partition has its own error.
 */
public record OffsetDeleteResponse(int throttleTimeMs, ErrorCode error, List<Topic> topics) implements ApiResponse {

    public record Topic(String name, List<Partition> partitions) {
    }

    public record Partition(int partition, ErrorCode error) {
    }
}
