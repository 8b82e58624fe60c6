package io.tributary.server.config;

/**
 * One setting as it takes effect: its text form and where that came from.
 *
 * @param name   the setting's name
 * @param text   the value in text form; null for a setting without default that no source sets
 * @param source the source that set it
 * @param origin the detail of the source: the file path, the environment variable or the flag
 */
public record ConfigValue(String name, String text, ConfigSource source, String origin) {
}
