package io.tributary.protocol.records;

import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ProduceResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.zip.CRC32C;

/**
 * Validates the record batches of one partition of a Produce request before the broker appends them,
 * with the checks and error codes of an Apache Kafka 4.4 broker for a client append.
 *
 * <p>Record batch layout (magic 2, big-endian; offsets in bytes):
 * <pre>
 *  0 baseOffset           int64   0 in a client batch; the broker assigns the real offset
 *  8 batchLength          int32   bytes after this field
 * 12 partitionLeaderEpoch int32
 * 16 magic                int8    2
 * 17 crc                  uint32  CRC32C of bytes 21 to the end
 * 21 attributes           int16   bits 0-2 codec, 3 timestamp type, 4 transactional, 5 control
 * 23 lastOffsetDelta      int32
 * 27 baseTimestamp        int64
 * 35 maxTimestamp         int64
 * 43 producerId           int64
 * 51 producerEpoch        int16
 * 53 baseSequence         int32
 * 57 recordCount          int32
 * 61 records              compressed with the codec as one block
 * </pre>
 *
 * <p>Checks in order, each returning the first failure:
 * <ol>
 *   <li>framing: at least one whole batch (INVALID_RECORD), a batch length of at least 14 and a magic of
 *       0-2 (CORRUPT_MESSAGE), magic 2 (INVALID_RECORD), a known codec (UNSUPPORTED_COMPRESSION_TYPE),
 *       no zstd before Produce v7 (UNSUPPORTED_COMPRESSION_TYPE), exactly one batch (INVALID_RECORD),
 *       no trailing partial batch (CORRUPT_MESSAGE);</li>
 *   <li>base offset 0 (INVALID_RECORD), size within {@code max.message.bytes} (MESSAGE_TOO_LARGE),
 *       CRC32C (CORRUPT_MESSAGE);</li>
 *   <li>offset range, record count, no control batch, a sequence number for an idempotent producer
 *       (INVALID_RECORD);</li>
 *   <li>each record: its structure and the declared count (INVALID_RECORD), consecutive offset deltas
 *       and keys on compacted topics (INVALID_RECORD with record errors), CreateTime timestamps within
 *       the topic's bounds (INVALID_TIMESTAMP with record errors); decompressed size within
 *       {@link ValidationPolicy#maxUncompressedBytes()} (MESSAGE_TOO_LARGE).</li>
 * </ol>
 * The buffer is only read; its position and limit do not change. Thread-safe.
 */
public final class BatchValidator {

    /** The bytes before a batch's {@code partitionLeaderEpoch}: base offset and batch length. */
    public static final int LOG_OVERHEAD = 12;
    /** The size of a magic 2 batch header, which is the size of a batch without records. */
    public static final int RECORD_BATCH_OVERHEAD = 61;
    /** The latest Produce version, used when the caller does not give one. */
    public static final short LATEST_PRODUCE_VERSION = 13;

    static final int LENGTH_OFFSET = 8;
    static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    static final int MAGIC_OFFSET = 16;
    static final int CRC_OFFSET = 17;
    static final int ATTRIBUTES_OFFSET = 21;
    static final int LAST_OFFSET_DELTA_OFFSET = 23;
    static final int BASE_TIMESTAMP_OFFSET = 27;
    static final int MAX_TIMESTAMP_OFFSET = 35;
    static final int PRODUCER_ID_OFFSET = 43;
    static final int PRODUCER_EPOCH_OFFSET = 51;
    static final int BASE_SEQUENCE_OFFSET = 53;
    static final int RECORD_COUNT_OFFSET = 57;

    /** Kafka's smallest legal batch length field, the size of a magic 0 record (RECORD_OVERHEAD_V0). */
    private static final int MIN_BATCH_LENGTH = 14;
    private static final int HEADER_SIZE_UP_TO_MAGIC = MAGIC_OFFSET + 1;
    private static final short ZSTD_MIN_PRODUCE_VERSION = 7;

    private final LongSupplier clockMs;

    /** Creates a validator that checks timestamps against the system clock. */
    public BatchValidator() {
        this(System::currentTimeMillis);
    }

    /** Creates a validator that checks timestamps against {@code clockMs}, in ms since the epoch. */
    public BatchValidator(LongSupplier clockMs) {
        this.clockMs = clockMs;
    }

    /** Validates {@code records} as sent with the latest Produce version, naming no partition in messages. */
    public ValidationResult validate(ByteBuffer records, ValidationPolicy policy) {
        return validate(records, policy, "(unknown)", LATEST_PRODUCE_VERSION);
    }

    /**
     * Validates one partition's records.
     *
     * @param records        the partition's records as sent, from position to limit
     * @param policy         the topic's settings
     * @param topicPartition the partition's name, such as {@code orders-0}, used in error messages
     * @param produceVersion the version of the Produce request, 3 or later
     */
    public ValidationResult validate(ByteBuffer records, ValidationPolicy policy, String topicPartition,
                                     short produceVersion) {
        ByteBuffer buffer = records.slice();
        List<Integer> batchSizes = new ArrayList<>(1);
        ValidationResult framingError = checkFraming(buffer, produceVersion, batchSizes);
        if (framingError != null) {
            return framingError;
        }
        List<BatchInfo> batches = new ArrayList<>(batchSizes.size());
        int position = 0;
        for (int size : batchSizes) {
            ByteBuffer batch = buffer.slice(position, size);
            ValidationResult error = checkHeader(batch, policy, topicPartition);
            if (error == null) {
                error = checkBatchFields(batch, topicPartition);
            }
            if (error != null) {
                return error;
            }
            RecordsCheck check = new RecordsCheck(batch, policy, topicPartition, clockMs.getAsLong());
            ValidationResult recordsError = check.run();
            if (recordsError != null) {
                return recordsError;
            }
            batches.add(batchInfo(batch, position, check.maxTimestamp()));
            position += size;
        }
        return ValidationResult.valid(batches);
    }

    /**
     * Splits the buffer into whole batches as Kafka's batch iterator does and applies the per-request
     * checks of Kafka's {@code ProduceRequest.validateRecords}. Adds each batch size to {@code sizes}.
     */
    private static ValidationResult checkFraming(ByteBuffer buffer, short produceVersion, List<Integer> sizes) {
        int position = 0;
        while (buffer.limit() - position >= LOG_OVERHEAD) {
            int remaining = buffer.limit() - position;
            int length = buffer.getInt(position + LENGTH_OFFSET);
            if (length < MIN_BATCH_LENGTH) {
                return ValidationResult.invalid(ErrorCode.CORRUPT_MESSAGE, "Record size " + length
                        + " is less than the minimum record overhead (" + MIN_BATCH_LENGTH + ")");
            }
            if (remaining < HEADER_SIZE_UP_TO_MAGIC) {
                break;
            }
            byte magic = buffer.get(position + MAGIC_OFFSET);
            if (magic < 0 || magic > 2) {
                return ValidationResult.invalid(ErrorCode.CORRUPT_MESSAGE, "Invalid magic found in record: " + magic);
            }
            long batchSize = (long) length + LOG_OVERHEAD;
            if (remaining < batchSize) {
                break;
            }
            if (sizes.isEmpty()) {
                ValidationResult error = checkFirstBatch(buffer, position, (int) batchSize, magic, produceVersion);
                if (error != null) {
                    return error;
                }
            } else {
                return ValidationResult.invalid(ErrorCode.INVALID_RECORD, "Produce requests with version "
                        + produceVersion + " are only allowed to contain exactly one record batch per partition");
            }
            sizes.add((int) batchSize);
            position += (int) batchSize;
        }
        if (sizes.isEmpty()) {
            return ValidationResult.invalid(ErrorCode.INVALID_RECORD, "Produce requests with version "
                    + produceVersion + " must have at least one record batch per partition");
        }
        if (position != buffer.limit()) {
            // NOTE: Kafka 4.4 appends the whole batches and drops a trailing partial batch without an error.
            // Tributary rejects such a request, because a client never sends one.
            return ValidationResult.invalid(ErrorCode.CORRUPT_MESSAGE, "The records end with a partial record batch of "
                    + (buffer.limit() - position) + " bytes after " + position + " bytes of whole batches");
        }
        return null;
    }

    private static ValidationResult checkFirstBatch(ByteBuffer buffer, int position, int batchSize, byte magic,
                                                    short produceVersion) {
        if (magic != 2) {
            return ValidationResult.invalid(ErrorCode.INVALID_RECORD, "Produce requests with version "
                    + produceVersion + " are only allowed to contain record batches with magic version 2");
        }
        if (batchSize < ATTRIBUTES_OFFSET + 2) {
            // Too short to carry attributes; the CRC check reports it as corrupt.
            return null;
        }
        int codecId = buffer.getShort(position + ATTRIBUTES_OFFSET) & 0x07;
        CompressionCodec codec = CompressionCodec.forId(codecId).orElse(null);
        if (codec == null) {
            // NOTE: Kafka 4.4 fails with an IllegalArgumentException from CompressionType.forId, which clients
            // see as UNKNOWN_SERVER_ERROR; Tributary names the actual problem instead.
            return ValidationResult.invalid(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE,
                    "Unknown compression type id " + codecId + " in the record batch attributes");
        }
        if (codec == CompressionCodec.ZSTD && produceVersion < ZSTD_MIN_PRODUCE_VERSION) {
            return ValidationResult.invalid(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE, "Produce requests with version "
                    + produceVersion + " are not allowed to use ZStandard compression");
        }
        return null;
    }

    /** Applies the checks Kafka's log makes before it validates records: base offset, size and CRC. */
    private static ValidationResult checkHeader(ByteBuffer batch, ValidationPolicy policy, String topicPartition) {
        long baseOffset = batch.getLong(0);
        if (baseOffset != 0) {
            return ValidationResult.invalid(ErrorCode.INVALID_RECORD, "The baseOffset of the record batch in the append to "
                    + topicPartition + " should be 0, but it is " + baseOffset);
        }
        int size = batch.remaining();
        if (size > policy.maxMessageBytes()) {
            return ValidationResult.invalid(ErrorCode.MESSAGE_TOO_LARGE, "The record batch size in the append to "
                    + topicPartition + " is " + size + " bytes which exceeds the maximum configured value of "
                    + policy.maxMessageBytes() + ".");
        }
        long storedCrc = Integer.toUnsignedLong(batch.getInt(CRC_OFFSET));
        if (size < RECORD_BATCH_OVERHEAD || storedCrc != computeCrc(batch)) {
            return ValidationResult.invalid(ErrorCode.CORRUPT_MESSAGE, "Record is corrupt (stored crc = " + storedCrc
                    + ") in topic partition " + topicPartition + ".");
        }
        return null;
    }

    /** Returns the CRC32C of a batch from its attributes to its end, as stored in its {@code crc} field. */
    static long computeCrc(ByteBuffer batch) {
        CRC32C crc = new CRC32C();
        crc.update(batch.slice(ATTRIBUTES_OFFSET, batch.remaining() - ATTRIBUTES_OFFSET));
        return crc.getValue();
    }

    /** Applies Kafka's {@code LogValidator.validateBatch} checks for a client append of a magic 2 batch. */
    private static ValidationResult checkBatchFields(ByteBuffer batch, String topicPartition) {
        long baseOffset = batch.getLong(0);
        int lastOffsetDelta = batch.getInt(LAST_OFFSET_DELTA_OFFSET);
        long lastOffset = baseOffset + lastOffsetDelta;
        long countFromOffsets = lastOffset - baseOffset + 1;

        if (countFromOffsets <= 0) {
            return ValidationResult.invalid(ErrorCode.INVALID_RECORD, "Batch has an invalid offset range: ["
                    + baseOffset + ", " + lastOffset + "] in topic partition " + topicPartition);
        }
        int count = batch.getInt(RECORD_COUNT_OFFSET);
        if (count <= 0) {
            return ValidationResult.invalid(ErrorCode.INVALID_RECORD, "Invalid reported count for record batch: "
                    + count + " in topic partition " + topicPartition);
        }
        if (countFromOffsets != count) {
            return ValidationResult.invalid(ErrorCode.INVALID_RECORD, "Inconsistent batch offset range ["
                    + baseOffset + ", " + lastOffset + "] and count of records " + count + " in topic partition "
                    + topicPartition);
        }

        short attributes = batch.getShort(ATTRIBUTES_OFFSET);
        if ((attributes & 0x20) != 0) {
            return ValidationResult.invalid(ErrorCode.INVALID_RECORD,
                    "Clients are not allowed to write control records in topic partition " + topicPartition);
        }
        long producerId = batch.getLong(PRODUCER_ID_OFFSET);
        int baseSequence = batch.getInt(BASE_SEQUENCE_OFFSET);
        if (producerId >= 0 && baseSequence < 0) {
            return ValidationResult.invalid(ErrorCode.INVALID_RECORD, "Invalid sequence number " + baseSequence
                    + " in record batch with producerId " + producerId + " in topic partition " + topicPartition);
        }
        return null;
    }

    private static BatchInfo batchInfo(ByteBuffer batch, int position, long maxTimestamp) {
        short attributes = batch.getShort(ATTRIBUTES_OFFSET);
        return new BatchInfo(
                position,
                batch.remaining(),
                batch.getLong(0),
                batch.getInt(LAST_OFFSET_DELTA_OFFSET),
                batch.getInt(RECORD_COUNT_OFFSET),
                batch.getInt(PARTITION_LEADER_EPOCH_OFFSET),
                batch.getLong(PRODUCER_ID_OFFSET),
                batch.getShort(PRODUCER_EPOCH_OFFSET),
                batch.getInt(BASE_SEQUENCE_OFFSET),
                CompressionCodec.forId(attributes & 0x07).orElseThrow(),
                TimestampType.fromAttributes(attributes),
                batch.getLong(BASE_TIMESTAMP_OFFSET),
                maxTimestamp,
                (attributes & 0x10) != 0,
                (attributes & 0x20) != 0);
    }

    /** Returns the record errors of a batch as the partition result Kafka's LogValidator produces. */
    static ValidationResult recordErrorsResult(List<ProduceResponse.RecordError> errors, boolean anyInvalidTimestamp) {
        if (anyInvalidTimestamp) {
            return ValidationResult.invalid(ErrorCode.INVALID_TIMESTAMP,
                    "One or more records have been rejected due to invalid timestamp", errors);
        }
        StringBuilder shown = new StringBuilder("[");
        for (int i = 0; i < Math.min(errors.size(), 3); i++) {
            if (i > 0) {
                shown.append(", ");
            }
            ProduceResponse.RecordError error = errors.get(i);
            shown.append("RecordError(batchIndex=").append(error.batchIndex()).append(", message='")
                    .append(error.message()).append("')");
        }
        shown.append(']');
        return ValidationResult.invalid(ErrorCode.INVALID_RECORD, "One or more records have been rejected due to "
                + errors.size() + " record errors in total, and only showing the first three errors at most: " + shown,
                errors);
    }
}
