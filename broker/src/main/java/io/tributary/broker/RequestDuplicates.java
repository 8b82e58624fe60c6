package io.tributary.broker;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * Finds the entries that a request names more than once, such as a topic listed twice in CreateTopics.
 * Handlers reject each such entry with INVALID_REQUEST instead of acting on it twice.
 */
public final class RequestDuplicates {

    private RequestDuplicates() {
    }

    /** Returns the keys that two or more of {@code entries} map to under {@code key}. */
    public static <T, K> Set<K> keys(Collection<? extends T> entries, Function<? super T, ? extends K> key) {
        Set<K> seen = new HashSet<>();
        Set<K> duplicates = new HashSet<>();
        for (T entry : entries) {
            K value = key.apply(entry);
            if (!seen.add(value)) {
                duplicates.add(value);
            }
        }
        return duplicates;
    }
}
