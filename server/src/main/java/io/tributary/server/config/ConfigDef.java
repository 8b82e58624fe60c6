package io.tributary.server.config;

import java.util.Objects;

/**
 * The single definition of one setting: its Kafka name, type, default, valid values and documentation.
 *
 * @param name          the setting's name, as Kafka spells it
 * @param type          how the text form is parsed and printed
 * @param defaultValue  the value used when no source sets it; null only for a setting without a default
 * @param validator     the valid values; the default always passes it
 * @param documentation one or two sentences on what the setting controls, with its unit
 * @param <T>           the Java type of the value
 */
public record ConfigDef<T>(String name, ConfigType<T> type, T defaultValue, Validator<? super T> validator,
                           String documentation) {

    public ConfigDef {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(validator, "validator");
        Objects.requireNonNull(documentation, "documentation");
        if (defaultValue != null && !validator.accepts(defaultValue)) {
            throw new IllegalArgumentException("Default " + defaultValue + " of " + name + " is not "
                    + validator.describe());
        }
    }

    /**
     * Parses and validates the text form of a value.
     *
     * @throws ConfigException naming this setting, the value and the valid values if it is invalid
     */
    public T parse(String text) {
        return parse(text, validator);
    }

    /**
     * Parses the text form of a value and checks it against {@code validValues} in place of this setting's own
     * validator, for a range that depends on another setting.
     *
     * @throws ConfigException naming this setting, the value and the valid values if it is invalid
     */
    public T parse(String text, Validator<? super T> validValues) {
        T value;
        try {
            value = type.parse(text);
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new ConfigException("Invalid value '" + text + "' for " + name + ": expected a " + type.name()
                    + " in " + validValues.describe());
        }
        if (!validValues.accepts(value)) {
            throw new ConfigException("Invalid value '" + text + "' for " + name + ": valid values are "
                    + validValues.describe());
        }
        return value;
    }

    /** Prints {@code value} in the plain form that {@link #parse} accepts, or null for null. */
    public String print(T value) {
        return value == null ? null : type.print(value);
    }

    /** Prints the default, or null if the setting has none. */
    public String printDefault() {
        return print(defaultValue);
    }
}
