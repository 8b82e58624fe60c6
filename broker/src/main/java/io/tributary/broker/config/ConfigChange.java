package io.tributary.broker.config;

import java.util.Objects;

/**
 * One change of a topic-level setting, as IncrementalAlterConfigs requests it.
 *
 * @param name      topic-level key
 * @param operation what to do with the key
 * @param value     the value to set, append or subtract; ignored (and usually null) for {@link Operation#DELETE}
 */
public record ConfigChange(String name, Operation operation, String value) {

    /** The operations of Kafka's IncrementalAlterConfigs, in the order of their wire values 0 to 3. */
    public enum Operation {
        /** Sets the override to the value. */
        SET,
        /** Removes the override, so the broker-level value applies again. */
        DELETE,
        /** Adds the comma-separated elements that the list does not contain yet (list settings only). */
        APPEND,
        /** Removes the comma-separated elements from the list (list settings only). */
        SUBTRACT
    }

    public ConfigChange {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(operation, "operation");
    }
}
