package io.tributary.broker.config;

/** Value type of a setting, with the wire value that DescribeConfigs v3+ reports. */
public enum ConfigType {
    BOOLEAN(1),
    STRING(2),
    INT(3),
    SHORT(4),
    LONG(5),
    DOUBLE(6),
    LIST(7);

    private final byte wireValue;

    ConfigType(int wireValue) {
        this.wireValue = (byte) wireValue;
    }

    public byte wireValue() {
        return wireValue;
    }
}
