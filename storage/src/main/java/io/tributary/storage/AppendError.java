package io.tributary.storage;

/**
 * Reason an append was rejected. Constant names equal the Kafka protocol error names so the broker
 * can map them by name.
 */
public enum AppendError {
    /** The batches were written, or were duplicates of batches already written. */
    NONE,
    /** An idempotent producer's base sequence does not follow its last written sequence. */
    OUT_OF_ORDER_SEQUENCE_NUMBER,
    /** The producer epoch is older than the epoch already stored for the producer id. */
    INVALID_PRODUCER_EPOCH,
    /** The input is not a sequence of whole magic-2 record batches. */
    CORRUPT_MESSAGE,
    /** The batches together are larger than {@code segment.bytes}, so no segment can hold them. */
    RECORD_LIST_TOO_LARGE,
    /** A write or force failed, or the log is closed; the log takes no more appends. */
    KAFKA_STORAGE_ERROR
}
