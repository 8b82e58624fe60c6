package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;
import java.util.UUID;

/** Metadata response; {@code controllerId} is this node on a single-node cluster. */
public record MetadataResponse(int throttleTimeMs, List<Broker> brokers, String clusterId, int controllerId,
                               List<TopicMetadata> topics) implements ApiResponse {

    public record Broker(int nodeId, String host, int port, String rack) {
    }

    public record TopicMetadata(ErrorCode error, String name, UUID topicId, boolean internal,
                                List<PartitionMetadata> partitions, int topicAuthorizedOperations) {
    }

    public record PartitionMetadata(ErrorCode error, int partition, int leaderId, int leaderEpoch,
                                    List<Integer> replicas, List<Integer> isr, List<Integer> offlineReplicas) {
    }
}
