package io.tributary.protocol.records;

/**
 * The meaning of record timestamps, stored in bit 3 of the batch attributes. The name is the value of
 * the {@code message.timestamp.type} topic setting.
 */
public enum TimestampType {
    /** Timestamps chosen by the producer. */
    CREATE_TIME("CreateTime"),
    /** Timestamps set by the broker when it appends the batch. */
    LOG_APPEND_TIME("LogAppendTime");

    private final String configName;

    TimestampType(String configName) {
        this.configName = configName;
    }

    /** Returns the value used by {@code message.timestamp.type}. */
    public String configName() {
        return configName;
    }

    /** Returns the type stored in bit 3 of the batch attributes. */
    public static TimestampType fromAttributes(short attributes) {
        return (attributes & 0x08) == 0 ? CREATE_TIME : LOG_APPEND_TIME;
    }

    /** Returns the type with this {@code message.timestamp.type} value, ignoring case. */
    public static TimestampType forConfigName(String name) {
        for (TimestampType type : values()) {
            if (type.configName.equalsIgnoreCase(name)) {
                return type;
            }
        }
        throw new IllegalArgumentException("invalid message.timestamp.type '" + name
                + "': expected CreateTime or LogAppendTime");
    }
}
