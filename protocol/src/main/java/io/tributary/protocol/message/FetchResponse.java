package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;
import java.util.UUID;

/** Fetch response; {@code sessionId} is 0 when the fetch is not part of a session. */
public record FetchResponse(int throttleTimeMs, ErrorCode error, int sessionId, List<FetchableTopic> topics)
        implements ApiResponse {

    /** Releases the record payload of every partition. */
    @Override
    public void release() {
        for (FetchableTopic topic : topics) {
            for (PartitionData partition : topic.partitions()) {
                if (partition.records() != null) {
                    partition.records().release();
                }
            }
        }
    }

    public record FetchableTopic(String name, UUID topicId, List<PartitionData> partitions) {
    }

    /** One partition's response; {@code preferredReadReplica} is -1 on a single node. */
    public record PartitionData(int partition, ErrorCode error, long highWatermark, long lastStableOffset,
                                long logStartOffset, int preferredReadReplica, RecordsPayload records) {
    }
}
