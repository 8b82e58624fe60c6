package io.tributary.protocol.message;

import java.util.List;

/**
 * ListOffsets request. A partition's {@code timestamp} is a time in ms or one of the special values
 * -1 (latest), -2 (earliest), -3 (max timestamp), -4 (earliest local), -5 (latest tiered).
 */
public record ListOffsetsRequest(int replicaId, byte isolationLevel, List<Topic> topics) implements ApiRequest {

    public record Topic(String name, List<Partition> partitions) {
    }

    public record Partition(int partition, int currentLeaderEpoch, long timestamp) {
    }
}
