package io.tributary.compat.support;

import java.util.Locale;

/**
 * The rows of the compatibility matrix. A scenario marked {@link #compared()} runs against Kafka 4.4 and
 * Tributary in the same run and passes only when the client sees the same outcome from both.
 */
public enum Scenario {
    KEYED_PRODUCE("Keyed records land in the partition the client reported", false),
    GROUP_COMMIT_RESUME("Group reads from the beginning, commits, and a restarted consumer resumes", false),
    CODEC_NONE("Uncompressed batches written here are read by another client, and the reverse", false),
    CODEC_GZIP("gzip batches written here are read by another client, and the reverse", false),
    CODEC_SNAPPY("snappy batches written here are read by another client, and the reverse", false),
    CODEC_LZ4("lz4 batches written here are read by another client, and the reverse", false),
    CODEC_ZSTD("zstd batches written here are read by another client, and the reverse", false),
    HEADERS_AND_NULLS("Headers, a null key and a null value survive the round trip", false),
    SIZE_LIMIT("max.message.bytes=100000: a 100,000-byte batch is stored, a 100,001-byte one is rejected", true),
    OFFSETS_FOR_TIMES("Offsets looked up by timestamp", false),
    RESET_EARLIEST("auto.offset.reset=earliest on an out-of-range offset", true),
    RESET_LATEST("auto.offset.reset=latest on an out-of-range offset", true),
    RESET_NONE("auto.offset.reset=none on an out-of-range offset", true),
    RESET_BY_DURATION("auto.offset.reset=by_duration:PT1H", true),
    UNKNOWN_TOPIC("Producing to and reading from an unknown topic with auto-creation off", true),
    DELETE_WHILE_READING("The topic is deleted while a consumer reads it", true),
    NEGOTIATION("Every API is used at the highest version both sides support", false);

    private final String description;
    private final boolean compared;

    Scenario(String description, boolean compared) {
        this.description = description;
        this.compared = compared;
    }

    public String description() {
        return description;
    }

    /** Returns whether the outcome is compared with Kafka 4.4's in the same run. */
    public boolean compared() {
        return compared;
    }

    /** Returns the row label: the constant's name in lower case with dashes, for example {@code size-limit}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
