package io.tributary.broker.metadata;

import java.util.Optional;
import java.util.Set;

/**
 * Apache Kafka's topic name rules: 1 to 249 characters from {@code [a-zA-Z0-9._-]}, not "." or "..",
 * and no two topics whose names differ only in '.' versus '_' (their metric names would collide).
 */
public final class TopicNames {

    public static final int MAX_LENGTH = 249;

    /** Names the broker uses for its own data; clients can neither create nor see them. */
    public static final Set<String> RESERVED = Set.of("__consumer_offsets", "__transaction_state",
            "__cluster_metadata");

    private TopicNames() {
    }

    /** Returns why {@code name} is not a legal topic name, or empty if it is legal. */
    public static Optional<String> invalidReason(String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of("Topic name is empty");
        }
        if (name.equals(".") || name.equals("..")) {
            return Optional.of("Topic name cannot be \".\" or \"..\"");
        }
        if (name.length() > MAX_LENGTH) {
            return Optional.of("Topic name is " + name.length() + " characters long, the maximum is " + MAX_LENGTH);
        }
        for (int i = 0; i < name.length(); i++) {
            if (!isLegalChar(name.charAt(i))) {
                return Optional.of("Topic name \"" + name + "\" contains an illegal character at index " + i
                        + ": legal characters are ASCII letters, digits, '.', '_' and '-'");
            }
        }
        return Optional.empty();
    }

    /** Returns true if two different names would collide because '.' and '_' are treated alike. */
    public static boolean collide(String first, String second) {
        return unifyCollisionChars(first).equals(unifyCollisionChars(second));
    }

    /** Returns the name with every '.' replaced by '_', the key under which colliding names are equal. */
    public static String unifyCollisionChars(String name) {
        return name.replace('.', '_');
    }

    private static boolean isLegalChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }
}
