package io.tributary.protocol.message;

import java.util.List;

/** OffsetForLeaderEpoch request: the end offset of each asked leader epoch. */
public record OffsetForLeaderEpochRequest(int replicaId, List<Topic> topics) implements ApiRequest {

    public record Topic(String name, List<Partition> partitions) {
    }

    public record Partition(int partition, int currentLeaderEpoch, int leaderEpoch) {
    }
}
