package io.tributary.storage.record;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds one uncompressed record batch, format v2 (magic 2), with base offset 0 and a valid CRC32C.
 * {@link io.tributary.storage.Log#append} assigns the real offsets.
 *
 * <p>Each record is laid out as (varints zig-zag encoded):
 * <pre>
 * length varint | attributes int8 (0) | timestampDelta varlong | offsetDelta varint |
 * keyLength varint | key | valueLength varint | value |
 * headerCount varint | (headerKeyLength varint | headerKey | headerValueLength varint | headerValue)*
 * </pre>
 * A null key, value or header value is written with length -1.
 *
 * <p>Not thread-safe.
 */
public final class RecordBatchBuilder {

    private final ByteArrayOutputStream records = new ByteArrayOutputStream();
    private long producerId = RecordBatchHeader.NO_PRODUCER_ID;
    private short producerEpoch = RecordBatchHeader.NO_PRODUCER_EPOCH;
    private int baseSequence = RecordBatchHeader.NO_SEQUENCE;
    private boolean logAppendTime;
    private int recordCount;
    private long baseTimestamp;
    private long maxTimestamp = -1L;

    /** Sets the idempotent producer fields; without this call the batch has no producer id. */
    public RecordBatchBuilder producer(long producerId, short producerEpoch, int baseSequence) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
        this.baseSequence = baseSequence;
        return this;
    }

    /** Marks the batch's timestamps as LogAppendTime (attribute bit 3). */
    public RecordBatchBuilder logAppendTime(boolean value) {
        this.logAppendTime = value;
        return this;
    }

    public RecordBatchBuilder add(long timestamp, byte[] key, byte[] value) {
        return add(timestamp, key, value, List.of());
    }

    public RecordBatchBuilder add(long timestamp, String key, String value) {
        return add(timestamp, utf8(key), utf8(value), List.of());
    }

    /** Appends a record; the first record's timestamp becomes the batch's base timestamp. */
    public RecordBatchBuilder add(long timestamp, byte[] key, byte[] value, List<RecordHeader> headers) {
        if (recordCount == 0) {
            baseTimestamp = timestamp;
        }
        maxTimestamp = Math.max(maxTimestamp, timestamp);

        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(0);
        Varint.writeLong(timestamp - baseTimestamp, body);
        Varint.writeInt(recordCount, body);
        writeBytes(key, body);
        writeBytes(value, body);
        Varint.writeInt(headers.size(), body);
        for (RecordHeader header : headers) {
            writeBytes(header.key().getBytes(StandardCharsets.UTF_8), body);
            writeBytes(header.value(), body);
        }

        Varint.writeInt(body.size(), records);
        records.writeBytes(body.toByteArray());
        recordCount++;
        return this;
    }

    public int recordCount() {
        return recordCount;
    }

    /**
     * Returns the batch in a new heap buffer, positioned at 0.
     *
     * @throws IllegalStateException if no record was added
     */
    public ByteBuffer build() {
        if (recordCount == 0) {
            throw new IllegalStateException("A record batch needs at least one record");
        }
        byte[] body = records.toByteArray();
        int size = RecordBatchHeader.HEADER_SIZE + body.length;
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putLong(0L);
        buffer.putInt(size - RecordBatchHeader.LOG_OVERHEAD);
        buffer.putInt(RecordBatchHeader.NO_PARTITION_LEADER_EPOCH);
        buffer.put(RecordBatchHeader.MAGIC_V2);
        buffer.putInt(0);
        buffer.putShort((short) (logAppendTime ? RecordBatchHeader.TIMESTAMP_TYPE_MASK : 0));
        buffer.putInt(recordCount - 1);
        buffer.putLong(baseTimestamp);
        buffer.putLong(maxTimestamp);
        buffer.putLong(producerId);
        buffer.putShort(producerEpoch);
        buffer.putInt(baseSequence);
        buffer.putInt(recordCount);
        buffer.put(body);
        buffer.flip();
        buffer.putInt(RecordBatchHeader.CRC_OFFSET, (int) RecordBatchHeader.computeCrc(buffer, 0, size));
        return buffer;
    }

    /** Concatenates batches into one buffer, as a produce request carries them. */
    public static ByteBuffer concat(ByteBuffer... batches) {
        int size = 0;
        for (ByteBuffer batch : batches) {
            size += batch.remaining();
        }
        ByteBuffer out = ByteBuffer.allocate(size);
        for (ByteBuffer batch : batches) {
            out.put(batch.duplicate());
        }
        return out.flip();
    }

    private static void writeBytes(byte[] bytes, ByteArrayOutputStream out) {
        if (bytes == null) {
            Varint.writeInt(-1, out);
            return;
        }
        Varint.writeInt(bytes.length, out);
        out.writeBytes(bytes);
    }

    private static byte[] utf8(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }
}
