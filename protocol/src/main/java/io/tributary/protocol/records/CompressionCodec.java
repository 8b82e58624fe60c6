package io.tributary.protocol.records;

import java.util.Optional;

/**
 * The compression codecs of Kafka's record batch format, by the id stored in bits 0-2 of the batch
 * attributes. The name is the value of the {@code compression.type} setting.
 */
public enum CompressionCodec {
    NONE(0, "none"),
    GZIP(1, "gzip"),
    SNAPPY(2, "snappy"),
    LZ4(3, "lz4"),
    ZSTD(4, "zstd");

    private final int id;
    private final String codecName;

    CompressionCodec(int id, String codecName) {
        this.id = id;
        this.codecName = codecName;
    }

    public int id() {
        return id;
    }

    /** Returns the name used by the {@code compression.type} setting, e.g. {@code "zstd"}. */
    public String codecName() {
        return codecName;
    }

    /** Returns the codec with this attribute id, or empty for ids 5-7, which no codec uses. */
    public static Optional<CompressionCodec> forId(int id) {
        for (CompressionCodec codec : values()) {
            if (codec.id == id) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }

    /** Returns the codec with this {@code compression.type} name, ignoring case, or empty if none has it. */
    public static Optional<CompressionCodec> forName(String name) {
        for (CompressionCodec codec : values()) {
            if (codec.codecName.equalsIgnoreCase(name)) {
                return Optional.of(codec);
            }
        }
        return Optional.empty();
    }
}
