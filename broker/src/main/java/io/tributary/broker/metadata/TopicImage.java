package io.tributary.broker.metadata;

import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * A topic as recorded in the metadata log.
 *
 * @param topicId        random id assigned at creation; a topic recreated under the same name gets a new id
 * @param name           legal topic name
 * @param partitionCount number of partitions, numbered 0 to {@code partitionCount - 1}
 * @param configs        validated topic-level overrides in canonical form
 */
public record TopicImage(UUID topicId, String name, int partitionCount, Map<String, String> configs) {

    public TopicImage {
        Objects.requireNonNull(topicId, "topicId");
        Objects.requireNonNull(name, "name");
        if (partitionCount < 1) {
            throw new IllegalArgumentException("Invalid partition count " + partitionCount + " of topic " + name);
        }
        configs = Map.copyOf(configs);
    }

    public boolean hasPartition(int partition) {
        return partition >= 0 && partition < partitionCount;
    }

    TopicImage withPartitionCount(int count) {
        return new TopicImage(topicId, name, count, configs);
    }

    TopicImage withConfigs(Map<String, String> newConfigs) {
        return new TopicImage(topicId, name, partitionCount, newConfigs);
    }
}
