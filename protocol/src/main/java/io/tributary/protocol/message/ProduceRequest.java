package io.tributary.protocol.message;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.UUID;

/**
 * Produce request. {@code acks} is 0, 1 or -1 (all); with 0 the client expects no response.
 */
public record ProduceRequest(String transactionalId, short acks, int timeoutMs, List<TopicData> topics)
        implements ApiRequest {

    /** Records for one topic; v13+ names the topic by id only, earlier versions by name only. */
    public record TopicData(String name, UUID topicId, List<PartitionData> partitions) {
    }

    /**
     * The raw record batches for one partition, exactly as the client sent them. The buffer is a view
     * of the request frame and is valid only while the handler runs.
     */
    public record PartitionData(int partition, ByteBuffer records) {
    }
}
