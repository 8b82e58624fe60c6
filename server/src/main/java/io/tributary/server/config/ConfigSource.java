package io.tributary.server.config;

/** The origin of a setting's value; constants are in increasing order of precedence. */
public enum ConfigSource {
    DEFAULT("default"),
    FILE("config file"),
    ENVIRONMENT("environment"),
    COMMAND_LINE("command line");

    private final String label;

    ConfigSource(String label) {
        this.label = label;
    }

    /** Returns the source as the start-up log prints it. */
    public String label() {
        return label;
    }
}
