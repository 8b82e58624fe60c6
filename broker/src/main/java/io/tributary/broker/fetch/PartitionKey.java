package io.tributary.broker.fetch;

import io.tributary.protocol.message.TopicIds;
import java.util.UUID;

/**
 * A partition as a fetch request names it: by topic name before Fetch v13 (topic id zero) and by topic
 * id from v13 on (name as resolved when the partition entered the session, or null if unknown).
 */
public record PartitionKey(UUID topicId, String topic, int partition) {

    /** Returns the key of a partition named by topic name. */
    public static PartitionKey byName(String topic, int partition) {
        return new PartitionKey(TopicIds.ZERO, topic, partition);
    }

    /** Returns the key of a partition named by topic id. */
    public static PartitionKey byId(UUID topicId, int partition) {
        return new PartitionKey(topicId, null, partition);
    }

    /** Returns true if the partition is named by topic id (Fetch v13+). */
    public boolean usesTopicId() {
        return topic == null;
    }
}
