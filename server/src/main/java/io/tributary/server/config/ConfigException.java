package io.tributary.server.config;

/** An invalid or unknown setting. The message names the setting, the rejected value and what is accepted. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
