package io.tributary.server.config;

/** Where a setting's value came from, in increasing order of precedence. */
public enum ConfigSource {
    DEFAULT("default"),
    FILE("config file"),
    ENVIRONMENT("environment"),
    COMMAND_LINE("command line");

    private final String label;

    ConfigSource(String label) {
        this.label = label;
    }

    /** The source as shown in the start-up log. */
    public String label() {
        return label;
    }
}
