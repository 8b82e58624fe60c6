package io.tributary.protocol.message;

import java.util.List;
import java.util.UUID;

/**
 * Metadata request.
 *
 * @param topics                 the topics asked for, or null for all topics
 * @param allowAutoTopicCreation whether unknown topics may be created (v4+, true before)
 */
public record MetadataRequest(List<TopicRef> topics, boolean allowAutoTopicCreation,
                              boolean includeTopicAuthorizedOperations) implements ApiRequest {

    /** A topic named by name, by id (v10+), or both; an absent id is {@link TopicIds#ZERO}. */
    public record TopicRef(UUID topicId, String name) {
    }
}
