package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;
import java.util.UUID;

/** Produce response. {@code logAppendTimeMs} is -1 unless the topic uses LogAppendTime. */
public record ProduceResponse(List<TopicResponse> topics, int throttleTimeMs) implements ApiResponse {

    public record TopicResponse(String name, UUID topicId, List<PartitionResponse> partitions) {
    }

    public record PartitionResponse(int partition, ErrorCode error, long baseOffset, long logAppendTimeMs,
                                    long logStartOffset, List<RecordError> recordErrors, String errorMessage) {
    }

    /** A record that made its batch invalid (INVALID_RECORD), by its index in the batch. */
    public record RecordError(int batchIndex, String message) {
    }
}
