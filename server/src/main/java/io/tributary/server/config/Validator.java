package io.tributary.server.config;

import java.time.Duration;
import java.util.List;

/**
 * The valid values of a setting.
 *
 * @param <T> the type of the values it checks
 */
public interface Validator<T> {

    /** Returns true if {@code value} is valid. */
    boolean accepts(T value);

    /** Describes the valid values, for error messages and documentation, e.g. {@code [1, 2147483647]}. */
    String describe();

    /** Accepts every value of the type. */
    static <T> Validator<T> any() {
        return new Validator<>() {
            @Override
            public boolean accepts(T value) {
                return true;
            }

            @Override
            public String describe() {
                return "any";
            }
        };
    }

    /** Accepts numbers in {@code [min, max]}, both inclusive. */
    static <T extends Number> Validator<T> between(long min, long max) {
        return new Validator<>() {
            @Override
            public boolean accepts(T value) {
                return value.longValue() >= min && value.longValue() <= max;
            }

            @Override
            public String describe() {
                return "[" + min + ", " + max + "]";
            }
        };
    }

    /** Accepts durations whose millisecond count is in {@code [minMs, maxMs]}, both inclusive. */
    static Validator<Duration> millisBetween(long minMs, long maxMs) {
        return new Validator<>() {
            @Override
            public boolean accepts(Duration value) {
                return value.toMillis() >= minMs && value.toMillis() <= maxMs;
            }

            @Override
            public String describe() {
                return "[" + minMs + ", " + maxMs + "] ms";
            }
        };
    }

    /** Accepts exactly the listed strings (case-sensitive, as in Kafka). */
    static Validator<String> oneOf(String... allowed) {
        List<String> values = List.of(allowed);
        return new Validator<>() {
            @Override
            public boolean accepts(String value) {
                return values.contains(value);
            }

            @Override
            public String describe() {
                return "one of " + values;
            }
        };
    }

    /** Accepts lists whose every item is one of {@code allowed}. */
    static Validator<List<String>> eachOneOf(String... allowed) {
        List<String> values = List.of(allowed);
        return new Validator<>() {
            @Override
            public boolean accepts(List<String> items) {
                return values.containsAll(items);
            }

            @Override
            public String describe() {
                return "a list of " + values;
            }
        };
    }
}
