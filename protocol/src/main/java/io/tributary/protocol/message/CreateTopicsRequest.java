package io.tributary.protocol.message;

import java.util.List;
import java.util.Map;

/**
 * CreateTopics request. {@code numPartitions} and {@code replicationFactor} of -1 mean the broker
 * default (KIP-464); a non-empty {@code assignments} gives the replicas of each partition instead.
 */
public record CreateTopicsRequest(List<Topic> topics, int timeoutMs, boolean validateOnly) implements ApiRequest {

    /** {@code configs} keeps the client's order; a null value means "use the default". */
    public record Topic(String name, int numPartitions, short replicationFactor, List<Assignment> assignments,
                        Map<String, String> configs) {
    }

    public record Assignment(int partition, List<Integer> brokerIds) {
    }
}
