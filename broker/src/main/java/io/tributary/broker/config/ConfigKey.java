package io.tributary.broker.config;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Definition of one topic-level setting.
 *
 * @param name          topic-level key, as in Apache Kafka 4.4
 * @param brokerKey     broker-level key that sets the default of every topic without an override
 * @param type          value type
 * @param defaultValue  Tributary's default when the broker-level key is not set either
 * @param minValue      smallest valid value of a number, inclusive; ignored for strings and lists
 * @param maxValue      largest valid value of a number, inclusive; ignored for strings and lists
 * @param validValues   the accepted values of a string or of each list element, or empty for any
 * @param documentation what the setting controls, reported by DescribeConfigs v3+
 */
public record ConfigKey(String name, String brokerKey, ConfigType type, String defaultValue, long minValue,
                        long maxValue, List<String> validValues, String documentation) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(brokerKey, "brokerKey");
        validValues = List.copyOf(validValues);
    }

    static ConfigKey number(String name, String brokerKey, ConfigType type, Object defaultValue, long minValue,
                            long maxValue, String documentation) {
        return new ConfigKey(name, brokerKey, type, String.valueOf(defaultValue), minValue, maxValue, List.of(),
                documentation);
    }

    static ConfigKey choice(String name, String brokerKey, ConfigType type, String defaultValue,
                            List<String> validValues, String documentation) {
        return new ConfigKey(name, brokerKey, type, defaultValue, 0, 0, validValues, documentation);
    }

    /**
     * Checks {@code value} against the type and range and returns it in canonical form (trimmed, list
     * elements joined by commas).
     *
     * @throws InvalidConfigException naming the key, the value and the valid range
     */
    public String validate(String value) throws InvalidConfigException {
        if (value == null) {
            throw new InvalidConfigException("Missing value for " + name);
        }
        String trimmed = value.trim();
        return switch (type) {
            case INT, SHORT, LONG -> validateNumber(trimmed);
            case LIST -> validateList(trimmed);
            case BOOLEAN -> validateChoice(trimmed.toLowerCase(Locale.ROOT));
            default -> validateChoice(trimmed);
        };
    }

    /** Returns the valid range as a sentence fragment, for error messages and documentation. */
    public String validRange() {
        if (!validValues.isEmpty()) {
            return "one of " + String.join(", ", validValues);
        }
        return switch (type) {
            case INT, SHORT, LONG -> "[" + minValue + ", " + maxValue + "]";
            default -> "any value";
        };
    }

    private String validateNumber(String value) throws InvalidConfigException {
        long parsed;
        try {
            parsed = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new InvalidConfigException("Invalid value " + value + " for configuration " + name
                    + ": not a number; expected an integer in " + validRange());
        }
        if (parsed < minValue || parsed > maxValue) {
            throw new InvalidConfigException("Invalid value " + value + " for configuration " + name
                    + ": expected a value in " + validRange());
        }
        return Long.toString(parsed);
    }

    private String validateChoice(String value) throws InvalidConfigException {
        if (!validValues.isEmpty() && !validValues.contains(value)) {
            throw new InvalidConfigException("Invalid value " + value + " for configuration " + name
                    + ": expected " + validRange());
        }
        return value;
    }

    private String validateList(String value) throws InvalidConfigException {
        List<String> elements = value.isEmpty() ? List.of() : List.of(value.split("\\s*,\\s*"));
        if (elements.isEmpty()) {
            throw new InvalidConfigException("Invalid empty value for configuration " + name + ": expected "
                    + validRange());
        }
        for (String element : elements) {
            validateChoice(element);
        }
        return String.join(",", elements);
    }
}
