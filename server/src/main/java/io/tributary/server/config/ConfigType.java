package io.tributary.server.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The type of a setting: how its text form is parsed and printed. Sizes accept a plain byte count or a
 * binary unit ({@code 512KiB}, {@code 1MiB}, {@code 1GiB}); durations accept a plain millisecond count or a
 * unit ({@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}). Printing always gives the plain
 * number, the form Kafka clients see in DescribeConfigs.
 *
 * @param <T> the Java type of a parsed value
 */
public final class ConfigType<T> {

    public static final ConfigType<Integer> INT = new ConfigType<>("int", text -> Integer.valueOf(text.trim()),
            String::valueOf);
    public static final ConfigType<Short> SHORT = new ConfigType<>("short", text -> Short.valueOf(text.trim()),
            String::valueOf);
    public static final ConfigType<Long> LONG = new ConfigType<>("long", text -> Long.valueOf(text.trim()),
            String::valueOf);
    public static final ConfigType<Boolean> BOOLEAN = new ConfigType<>("boolean", ConfigType::parseBoolean,
            String::valueOf);
    public static final ConfigType<String> STRING = new ConfigType<>("string", String::trim, Function.identity());
    public static final ConfigType<List<String>> LIST = new ConfigType<>("list", ConfigType::parseList,
            values -> String.join(",", values));
    public static final ConfigType<Long> BYTES = new ConfigType<>("size in bytes", ConfigType::parseBytes,
            String::valueOf);
    public static final ConfigType<Duration> DURATION = new ConfigType<>("duration in ms", ConfigType::parseDuration,
            duration -> String.valueOf(duration.toMillis()));

    private final String name;
    private final Function<String, T> parser;
    private final Function<T, String> printer;

    private ConfigType(String name, Function<String, T> parser, Function<T, String> printer) {
        this.name = name;
        this.parser = parser;
        this.printer = printer;
    }

    /** Returns the type's name as error messages and documentation print it. */
    public String name() {
        return name;
    }

    /**
     * Parses the text form of a value.
     *
     * @throws IllegalArgumentException if {@code text} is not a value of this type
     */
    public T parse(String text) {
        return parser.apply(text);
    }

    /** Prints a value in the plain form that {@link #parse} accepts. */
    public String print(T value) {
        return printer.apply(value);
    }

    @Override
    public String toString() {
        return name;
    }

    private static Boolean parseBoolean(String text) {
        String trimmed = text.trim().toLowerCase(Locale.ROOT);
        if (trimmed.equals("true")) {
            return Boolean.TRUE;
        }
        if (trimmed.equals("false")) {
            return Boolean.FALSE;
        }
        throw new IllegalArgumentException("expected true or false");
    }

    private static List<String> parseList(String text) {
        if (text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    private static Long parseBytes(String text) {
        String trimmed = text.trim();
        String[][] units = {{"GiB", "1073741824"}, {"MiB", "1048576"}, {"KiB", "1024"}, {"B", "1"}};
        for (String[] unit : units) {
            if (trimmed.endsWith(unit[0])) {
                long count = Long.parseLong(trimmed.substring(0, trimmed.length() - unit[0].length()).trim());
                return Math.multiplyExact(count, Long.parseLong(unit[1]));
            }
        }
        return Long.valueOf(trimmed);
    }

    private static Duration parseDuration(String text) {
        String trimmed = text.trim();
        String[][] units = {{"ms", "1"}, {"s", "1000"}, {"m", "60000"}, {"h", "3600000"}, {"d", "86400000"}};
        for (String[] unit : units) {
            if (trimmed.endsWith(unit[0])) {
                long count = Long.parseLong(trimmed.substring(0, trimmed.length() - unit[0].length()).trim());
                return Duration.ofMillis(Math.multiplyExact(count, Long.parseLong(unit[1])));
            }
        }
        return Duration.ofMillis(Long.parseLong(trimmed));
    }
}
