package io.tributary.protocol.records;

/**
 * The topic settings that record batch validation enforces.
 *
 * @param maxMessageBytes       the topic's {@code max.message.bytes} (the broker's {@code message.max.bytes}
 *                              unless the topic overrides it): the largest batch accepted, in bytes, after
 *                              the 12-byte offset and length prefix is included
 * @param timestampType         the topic's {@code message.timestamp.type}
 * @param timestampBeforeMaxMs  {@code message.timestamp.before.max.ms}: how far in the past a CreateTime
 *                              timestamp may be, in ms
 * @param timestampAfterMaxMs   {@code message.timestamp.after.max.ms}: how far in the future a CreateTime
 *                              timestamp may be, in ms
 * @param compacted             whether the topic's {@code cleanup.policy} includes {@code compact}, so every
 *                              record needs a key
 * @param maxUncompressedBytes  the most bytes that decompressing one batch may produce; a larger batch is
 *                              rejected before more is decompressed, which bounds memory for a decompression bomb
 */
public record ValidationPolicy(int maxMessageBytes, TimestampType timestampType, long timestampBeforeMaxMs,
                               long timestampAfterMaxMs, boolean compacted, int maxUncompressedBytes) {

    /** Kafka 4.4's default {@code message.max.bytes}: 1 MiB plus 12 bytes of batch prefix. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;

    /**
     * The default bound on the decompressed size of one batch. Kafka has no such setting.
     * NOTE: 64 MiB is a chosen bound, not a Kafka value; a batch that compresses better than 64:1 at
     * the default {@code max.message.bytes} is rejected.
     */
    public static final int DEFAULT_MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;

    public ValidationPolicy {
        if (maxMessageBytes < 0) {
            throw new IllegalArgumentException("invalid max.message.bytes " + maxMessageBytes + ": must be >= 0");
        }
        if (timestampType == null) {
            throw new IllegalArgumentException("missing message.timestamp.type");
        }
        if (timestampBeforeMaxMs < 0) {
            throw new IllegalArgumentException("invalid message.timestamp.before.max.ms " + timestampBeforeMaxMs
                    + ": must be >= 0");
        }
        if (timestampAfterMaxMs < 0) {
            throw new IllegalArgumentException("invalid message.timestamp.after.max.ms " + timestampAfterMaxMs
                    + ": must be >= 0");
        }
        if (maxUncompressedBytes < 0) {
            throw new IllegalArgumentException("invalid maximum uncompressed batch size " + maxUncompressedBytes
                    + ": must be >= 0");
        }
    }

    /** Returns Kafka 4.4's topic defaults: 1048588 bytes, CreateTime, no timestamp bounds, not compacted. */
    public static ValidationPolicy defaults() {
        return new ValidationPolicy(DEFAULT_MAX_MESSAGE_BYTES, TimestampType.CREATE_TIME, Long.MAX_VALUE,
                Long.MAX_VALUE, false, DEFAULT_MAX_UNCOMPRESSED_BYTES);
    }
}
