package io.tributary.broker.group;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Maps topic names to topic ids and back, for OffsetCommit and OffsetFetch v10, which name topics
 * by id. The broker core implements it over its topic metadata.
 *
 * <p>Implementations must be thread-safe: the coordinator calls them from request threads.
 */
public interface TopicIdResolver {

    /** Returns the id of the topic named {@code name}, or empty if no such topic exists. */
    Optional<UUID> topicId(String name);

    /** Returns the name of the topic with id {@code topicId}, or empty if no such topic exists. */
    Optional<String> topicName(UUID topicId);

    /** Returns a resolver over two lookup functions, for example the methods of another lookup type. */
    static TopicIdResolver of(Function<String, Optional<UUID>> ids, Function<UUID, Optional<String>> names) {
        return new TopicIdResolver() {
            @Override
            public Optional<UUID> topicId(String name) {
                return ids.apply(name);
            }

            @Override
            public Optional<String> topicName(UUID topicId) {
                return names.apply(topicId);
            }
        };
    }
}
