package io.tributary.server.config;

import java.util.Map;

/** The typed values of every implemented setting after merging the sources, before cross-setting checks. */
final class ParsedConfig {

    private final Map<String, Object> values;
    private final Map<String, ConfigValue> effective;

    ParsedConfig(Map<String, Object> values, Map<String, ConfigValue> effective) {
        this.values = values;
        this.effective = effective;
    }

    /** Returns the value of {@code def}, or null for a setting without default that no source sets. */
    @SuppressWarnings("unchecked")
    <T> T get(ConfigDef<T> def) {
        return (T) values.get(def.name());
    }

    /** Returns true if a source other than the defaults set {@code def}. */
    boolean isSet(ConfigDef<?> def) {
        return effective.get(def.name()).source() != ConfigSource.DEFAULT;
    }
}
