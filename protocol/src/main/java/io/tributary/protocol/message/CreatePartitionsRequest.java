package io.tributary.protocol.message;

import java.util.List;

/** CreatePartitions request: raise each topic's partition count to {@code count}. */
public record CreatePartitionsRequest(List<Topic> topics, int timeoutMs, boolean validateOnly) implements ApiRequest {

    /** {@code assignments} is null or one broker list per new partition. */
    public record Topic(String name, int count, List<List<Integer>> assignments) {
    }
}
