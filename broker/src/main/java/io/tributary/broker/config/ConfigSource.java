package io.tributary.broker.config;

/** Source of a setting's effective value, with the wire value that DescribeConfigs reports. */
public enum ConfigSource {
    /** An override set on the topic at creation or later by AlterConfigs or IncrementalAlterConfigs. */
    DYNAMIC_TOPIC(1),
    /** A broker-level value in the server's configuration file. */
    STATIC_BROKER(4),
    /** Tributary's built-in default. */
    DEFAULT(5);

    private final byte wireValue;

    ConfigSource(int wireValue) {
        this.wireValue = (byte) wireValue;
    }

    public byte wireValue() {
        return wireValue;
    }
}
