package io.tributary.broker.config;

/** A setting with an unknown key or a value of the wrong type or outside its valid range. */
public class InvalidConfigException extends Exception {

    public InvalidConfigException(String message) {
        super(message);
    }
}
