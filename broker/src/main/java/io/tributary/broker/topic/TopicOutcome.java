package io.tributary.broker.topic;

import io.tributary.broker.config.TopicConfig;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.TopicIds;
import java.util.UUID;

/**
 * The result of creating a topic, or of validating its creation.
 *
 * @param error             NONE on success
 * @param errorMessage      the reason of a failure, otherwise null
 * @param topicId           the new topic's id; {@link TopicIds#ZERO} on failure and for validate-only requests
 * @param partitionCount    the partition count the topic has or would have, -1 on failure
 * @param replicationFactor the replication factor the topic has or would have, -1 on failure
 * @param config            the topic's effective settings, null on failure
 */
public record TopicOutcome(ErrorCode error, String errorMessage, UUID topicId, int partitionCount,
                           short replicationFactor, TopicConfig config) {

    static TopicOutcome failed(ErrorCode error, String message) {
        return new TopicOutcome(error, message, TopicIds.ZERO, -1, (short) -1, null);
    }

    public boolean succeeded() {
        return error == ErrorCode.NONE;
    }
}
