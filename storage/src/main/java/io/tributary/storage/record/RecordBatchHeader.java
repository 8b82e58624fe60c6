package io.tributary.storage.record;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The fixed 61-byte header of a record batch, format v2 (magic 2). All fields are big-endian:
 *
 * <pre>
 *  offset  size  field
 *       0     8  baseOffset
 *       8     4  batchLength            bytes after this field (from partitionLeaderEpoch to the end)
 *      12     4  partitionLeaderEpoch
 *      16     1  magic (= 2)
 *      17     4  crc                    CRC32C of the bytes from attributes (offset 21) to the end
 *      21     2  attributes             bits 0-2 codec, bit 3 LogAppendTime, bit 4 transactional, bit 5 control
 *      23     4  lastOffsetDelta
 *      27     8  baseTimestamp
 *      35     8  maxTimestamp
 *      43     8  producerId             -1 without an idempotent producer
 *      51     2  producerEpoch
 *      53     4  baseSequence
 *      57     4  recordCount
 *      61        records...
 * </pre>
 *
 * @param baseOffset           offset of the first record
 * @param batchLength          bytes after the length field
 * @param partitionLeaderEpoch leader epoch when the batch was appended
 * @param magic                format version
 * @param crc                  stored CRC32C, unsigned
 * @param attributes           attribute bits
 * @param lastOffsetDelta      last record's offset minus the base offset
 * @param baseTimestamp        first record's timestamp
 * @param maxTimestamp         largest record timestamp, or the append time with LogAppendTime
 * @param producerId           idempotent producer id, or -1
 * @param producerEpoch        producer epoch, or -1
 * @param baseSequence         first record's sequence, or -1
 * @param recordCount          records in the batch
 */
public record RecordBatchHeader(
        long baseOffset,
        int batchLength,
        int partitionLeaderEpoch,
        byte magic,
        long crc,
        short attributes,
        int lastOffsetDelta,
        long baseTimestamp,
        long maxTimestamp,
        long producerId,
        short producerEpoch,
        int baseSequence,
        int recordCount) {

    public static final int BASE_OFFSET_OFFSET = 0;
    public static final int LENGTH_OFFSET = 8;
    public static final int PARTITION_LEADER_EPOCH_OFFSET = 12;
    public static final int MAGIC_OFFSET = 16;
    public static final int CRC_OFFSET = 17;
    public static final int ATTRIBUTES_OFFSET = 21;
    public static final int LAST_OFFSET_DELTA_OFFSET = 23;
    public static final int BASE_TIMESTAMP_OFFSET = 27;
    public static final int MAX_TIMESTAMP_OFFSET = 35;
    public static final int PRODUCER_ID_OFFSET = 43;
    public static final int PRODUCER_EPOCH_OFFSET = 51;
    public static final int BASE_SEQUENCE_OFFSET = 53;
    public static final int RECORD_COUNT_OFFSET = 57;
    public static final int HEADER_SIZE = 61;

    /** Bytes before the part counted by batchLength: baseOffset and batchLength. */
    public static final int LOG_OVERHEAD = 12;
    /** Smallest valid batchLength: a header without records. */
    public static final int MIN_BATCH_LENGTH = HEADER_SIZE - LOG_OVERHEAD;
    public static final byte MAGIC_V2 = 2;

    public static final int COMPRESSION_MASK = 0x07;
    public static final int TIMESTAMP_TYPE_MASK = 0x08;
    public static final int TRANSACTIONAL_MASK = 0x10;
    public static final int CONTROL_MASK = 0x20;

    public static final long NO_PRODUCER_ID = -1L;
    public static final short NO_PRODUCER_EPOCH = -1;
    public static final int NO_SEQUENCE = -1;
    public static final int NO_PARTITION_LEADER_EPOCH = -1;

    /** Parses the header at {@code position} of {@code buffer} without moving the buffer's position. */
    public static RecordBatchHeader parse(ByteBuffer buffer, int position) {
        return new RecordBatchHeader(
                buffer.getLong(position + BASE_OFFSET_OFFSET),
                buffer.getInt(position + LENGTH_OFFSET),
                buffer.getInt(position + PARTITION_LEADER_EPOCH_OFFSET),
                buffer.get(position + MAGIC_OFFSET),
                Integer.toUnsignedLong(buffer.getInt(position + CRC_OFFSET)),
                buffer.getShort(position + ATTRIBUTES_OFFSET),
                buffer.getInt(position + LAST_OFFSET_DELTA_OFFSET),
                buffer.getLong(position + BASE_TIMESTAMP_OFFSET),
                buffer.getLong(position + MAX_TIMESTAMP_OFFSET),
                buffer.getLong(position + PRODUCER_ID_OFFSET),
                buffer.getShort(position + PRODUCER_EPOCH_OFFSET),
                buffer.getInt(position + BASE_SEQUENCE_OFFSET),
                buffer.getInt(position + RECORD_COUNT_OFFSET));
    }

    /** Returns the CRC32C of {@code batchSize} bytes of a batch starting at {@code position}, from attributes on. */
    public static long computeCrc(ByteBuffer buffer, int position, int batchSize) {
        CRC32C crc = new CRC32C();
        ByteBuffer range = buffer.duplicate();
        range.limit(position + batchSize).position(position + ATTRIBUTES_OFFSET);
        crc.update(range);
        return crc.getValue();
    }

    /** Returns the whole batch size in bytes, header included. */
    public int sizeInBytes() {
        return LOG_OVERHEAD + batchLength;
    }

    public long lastOffset() {
        return baseOffset + lastOffsetDelta;
    }

    public long nextOffset() {
        return lastOffset() + 1;
    }

    public CompressionType compression() {
        return CompressionType.forId(attributes & COMPRESSION_MASK);
    }

    public boolean isLogAppendTime() {
        return (attributes & TIMESTAMP_TYPE_MASK) != 0;
    }

    public boolean isTransactional() {
        return (attributes & TRANSACTIONAL_MASK) != 0;
    }

    public boolean isControl() {
        return (attributes & CONTROL_MASK) != 0;
    }

    public boolean hasProducerId() {
        return producerId >= 0;
    }

    /** Returns the sequence of the last record, wrapping past {@link Integer#MAX_VALUE} to 0. */
    public int lastSequence() {
        return incrementSequence(baseSequence, lastOffsetDelta);
    }

    /** Adds {@code increment} to a sequence number, wrapping past {@link Integer#MAX_VALUE} to 0. */
    public static int incrementSequence(int sequence, int increment) {
        if (sequence > Integer.MAX_VALUE - increment) {
            return increment - (Integer.MAX_VALUE - sequence) - 1;
        }
        return sequence + increment;
    }
}
