package io.tributary.storage;

/**
 * Source of the timestamps stored in a partition's record batches, set per topic by
 * {@code message.timestamp.type}.
 */
public enum TimestampType {
    /** The producer's timestamps are stored unchanged. */
    CREATE_TIME("CreateTime"),
    /** The broker stamps each batch with its append time and sets attribute bit 3. */
    LOG_APPEND_TIME("LogAppendTime");

    private final String configValue;

    TimestampType(String configValue) {
        this.configValue = configValue;
    }

    /** Returns the spelling used in topic configuration, {@code CreateTime} or {@code LogAppendTime}. */
    public String configValue() {
        return configValue;
    }

    /**
     * Parses a configuration value.
     *
     * @throws IllegalArgumentException if the value is neither {@code CreateTime} nor {@code LogAppendTime}
     */
    public static TimestampType fromConfigValue(String value) {
        for (TimestampType type : values()) {
            if (type.configValue.equals(value)) {
                return type;
            }
        }
        throw new IllegalArgumentException("Invalid value " + value + " for message.timestamp.type: expected CreateTime or LogAppendTime");
    }
}
