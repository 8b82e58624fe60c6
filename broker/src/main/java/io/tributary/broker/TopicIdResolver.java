package io.tributary.broker;

import java.util.Optional;
import java.util.UUID;

/**
 * Lookup between topic names and topic ids. Implementations are thread-safe and return the state of the
 * topic metadata at the time of the call.
 */
public interface TopicIdResolver {

    /** Returns the id of the existing topic with this name, or empty. */
    Optional<UUID> topicId(String name);

    /** Returns the name of the existing topic with this id, or empty. */
    Optional<String> topicName(UUID topicId);
}
