package io.tributary.storage.record;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads record batches and the records of uncompressed batches from a buffer. The layouts are
 * those of {@link RecordBatchHeader} and {@link RecordBatchBuilder}.
 *
 * <p>Stateless and thread-safe; the input buffer's position and limit are never changed.
 */
public final class RecordBatchReader {

    private RecordBatchReader() {
    }

    /**
     * Splits a buffer of consecutive whole batches into one read-only slice per batch.
     *
     * @throws IllegalArgumentException if a batch is truncated, has a length below the header size
     *                                  or a magic other than 2
     */
    public static List<ByteBuffer> batches(ByteBuffer buffer) {
        List<ByteBuffer> batches = new ArrayList<>();
        int position = buffer.position();
        while (position < buffer.limit()) {
            int remaining = buffer.limit() - position;
            if (remaining < RecordBatchHeader.HEADER_SIZE) {
                throw new IllegalArgumentException("Truncated batch header at position " + position + ": "
                        + remaining + " bytes left");
            }
            int batchLength = buffer.getInt(position + RecordBatchHeader.LENGTH_OFFSET);
            if (batchLength < RecordBatchHeader.MIN_BATCH_LENGTH
                    || batchLength > remaining - RecordBatchHeader.LOG_OVERHEAD) {
                throw new IllegalArgumentException("Invalid batch length " + batchLength + " at position " + position
                        + " with " + remaining + " bytes left");
            }
            byte magic = buffer.get(position + RecordBatchHeader.MAGIC_OFFSET);
            if (magic != RecordBatchHeader.MAGIC_V2) {
                throw new IllegalArgumentException("Unsupported magic " + magic + " at position " + position);
            }
            int size = batchLength + RecordBatchHeader.LOG_OVERHEAD;
            batches.add(buffer.duplicate().limit(position + size).position(position).slice().asReadOnlyBuffer());
            position += size;
        }
        return batches;
    }

    /**
     * Decodes the records of one uncompressed batch that starts at the buffer's position.
     *
     * @throws IllegalArgumentException if the batch is compressed or a record is malformed
     */
    public static List<Record> records(ByteBuffer batch) {
        int start = batch.position();
        RecordBatchHeader header = RecordBatchHeader.parse(batch, start);
        if (header.compression() != CompressionType.NONE) {
            throw new IllegalArgumentException("Batch at offset " + header.baseOffset() + " is compressed with "
                    + header.compression() + ", which storage does not decode");
        }
        ByteBuffer in = batch.duplicate();
        in.limit(start + header.sizeInBytes()).position(start + RecordBatchHeader.HEADER_SIZE);
        List<Record> records = new ArrayList<>(Math.max(0, Math.min(header.recordCount(), 1024)));
        try {
            for (int i = 0; i < header.recordCount(); i++) {
                records.add(readRecord(in, header));
            }
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("Record " + records.size() + " of batch at offset "
                    + header.baseOffset() + " is truncated", e);
        }
        return records;
    }

    private static Record readRecord(ByteBuffer in, RecordBatchHeader header) {
        int length = Varint.readInt(in);
        if (length < 0 || length > in.remaining()) {
            throw new IllegalArgumentException("Invalid record length " + length + " in batch at offset "
                    + header.baseOffset());
        }
        ByteBuffer record = in.duplicate().limit(in.position() + length);
        in.position(in.position() + length);

        record.get();
        long timestampDelta = Varint.readLong(record);
        int offsetDelta = Varint.readInt(record);
        byte[] key = readBytes(record);
        byte[] value = readBytes(record);
        int headerCount = Varint.readInt(record);
        if (headerCount < 0 || headerCount > record.remaining()) {
            throw new IllegalArgumentException("Invalid header count " + headerCount + " in batch at offset "
                    + header.baseOffset());
        }
        List<RecordHeader> headers = new ArrayList<>(headerCount);
        for (int i = 0; i < headerCount; i++) {
            byte[] headerKey = readBytes(record);
            if (headerKey == null) {
                throw new IllegalArgumentException("Null header key in batch at offset " + header.baseOffset());
            }
            headers.add(new RecordHeader(new String(headerKey, StandardCharsets.UTF_8), readBytes(record)));
        }
        long timestamp = header.isLogAppendTime() ? header.maxTimestamp() : header.baseTimestamp() + timestampDelta;
        return new Record(header.baseOffset() + offsetDelta, timestamp, key, value, headers);
    }

    private static byte[] readBytes(ByteBuffer in) {
        int length = Varint.readInt(in);
        if (length < 0) {
            return null;
        }
        if (length > in.remaining()) {
            throw new IllegalArgumentException("Field length " + length + " exceeds the " + in.remaining()
                    + " bytes left in the record");
        }
        byte[] bytes = new byte[length];
        in.get(bytes);
        return bytes;
    }
}
