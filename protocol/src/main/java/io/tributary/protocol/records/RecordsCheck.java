package io.tributary.protocol.records;

import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ProduceResponse;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.utils.internals.BufferSupplier;

/**
 * Reads every record of one batch whose header is already valid and applies the record-level checks.
 * Keys, values and headers are skipped, never copied, so a record cannot make this allocate its size.
 *
 * <p>Record layout (magic 2; varints are zig-zag encoded as in protobuf):
 * <pre>
 * length varint | attributes int8 | timestampDelta varlong | offsetDelta varint |
 * keyLength varint | key | valueLength varint | value | headerCount varint |
 * headerCount x (headerKeyLength varint | headerKey | headerValueLength varint | headerValue)
 * </pre>
 * {@code length} counts the bytes after itself; a length of -1 means a null key or value. Not thread-safe.
 */
final class RecordsCheck {

    private static final long NO_TIMESTAMP = -1L;

    private final ByteBuffer batch;
    private final ValidationPolicy policy;
    private final String topicPartition;
    private final long nowMs;
    private final List<ProduceResponse.RecordError> recordErrors = new ArrayList<>();
    /**
     * Buffers of the lz4 and zstd decompressing streams, reused by each thread's later batches: the streams
     * take them in {@code wrapForInput} and give them back on close. A supplier is not thread-safe, so each
     * validating thread has its own.
     */
    private static final ThreadLocal<BufferSupplier> DECOMPRESSION_BUFFERS =
            ThreadLocal.withInitial(BufferSupplier::create);

    private boolean anyInvalidTimestamp;
    private long maxTimestamp = NO_TIMESTAMP;

    RecordsCheck(ByteBuffer batch, ValidationPolicy policy, String topicPartition, long nowMs) {
        this.batch = batch;
        this.policy = policy;
        this.topicPartition = topicPartition;
        this.nowMs = nowMs;
    }

    /** Returns the largest record timestamp seen by {@link #run()}, or -1 if none. */
    long maxTimestamp() {
        return maxTimestamp;
    }

    /** Checks every record; returns null when the batch is valid, otherwise the partition's result. */
    ValidationResult run() {
        short attributes = batch.getShort(BatchValidator.ATTRIBUTES_OFFSET);
        CompressionCodec codec = CompressionCodec.forId(attributes & 0x07).orElseThrow();
        ByteBuffer section = batch.slice(BatchValidator.RECORD_BATCH_OVERHEAD,
                batch.remaining() - BatchValidator.RECORD_BATCH_OVERHEAD);
        int count = batch.getInt(BatchValidator.RECORD_COUNT_OFFSET);
        try (InputStream input = open(codec, section)) {
            readRecords(new RecordInput(input, codec == CompressionCodec.NONE), attributes, count);
        } catch (RecordInput.LimitExceededException e) {
            return ValidationResult.invalid(ErrorCode.MESSAGE_TOO_LARGE, "The record batch in the append to "
                    + topicPartition + " decompresses to more than " + policy.maxUncompressedBytes() + " bytes");
        } catch (InvalidRecordStructureException e) {
            return ValidationResult.invalid(ErrorCode.INVALID_RECORD, e.getMessage() + " in topic partition "
                    + topicPartition);
        } catch (IOException | RuntimeException e) {
            // NOTE: Kafka 4.4 reports a payload its codec cannot decompress as UNKNOWN_SERVER_ERROR.
            return decompressionFailed(codec, e);
        } catch (Error e) {
            // snappy-java signals a corrupt stream with SnappyError, an Error; errors of the JVM itself propagate.
            if (e instanceof VirtualMachineError) {
                throw e;
            }
            return decompressionFailed(codec, e);
        }
        if (!recordErrors.isEmpty()) {
            return BatchValidator.recordErrorsResult(recordErrors, anyInvalidTimestamp);
        }
        return null;
    }

    private ValidationResult decompressionFailed(CompressionCodec codec, Throwable cause) {
        return ValidationResult.invalid(ErrorCode.CORRUPT_MESSAGE, "Failed to decompress the " + codec.codecName()
                + " record batch in topic partition " + topicPartition + ": " + cause);
    }

    private InputStream open(CompressionCodec codec, ByteBuffer section) {
        if (codec == CompressionCodec.NONE) {
            return new ByteBufferInputStream(section);
        }
        InputStream decompressed = Compression.of(CompressionType.forId(codec.id())).build()
                .wrapForInput(section, (byte) 2, DECOMPRESSION_BUFFERS.get());
        return new BoundedInputStream(decompressed, policy.maxUncompressedBytes());
    }

    private void readRecords(RecordInput input, short attributes, int count) throws IOException {
        long baseTimestamp = batch.getLong(BatchValidator.BASE_TIMESTAMP_OFFSET);
        boolean logAppendTimeBatch = TimestampType.fromAttributes(attributes) == TimestampType.LOG_APPEND_TIME;
        long batchMaxTimestamp = batch.getLong(BatchValidator.MAX_TIMESTAMP_OFFSET);
        for (int index = 0; index < count; index++) {
            if (input.atEnd()) {
                throw new InvalidRecordStructureException("Incorrect declared batch size, premature EOF reached");
            }
            RecordFields record = readRecord(input, index);
            // A LogAppendTime batch gives every record the batch's max timestamp, as Kafka's reader does.
            long timestamp = logAppendTimeBatch ? batchMaxTimestamp : baseTimestamp + record.timestampDelta();
            checkRecord(index, record, timestamp, logAppendTimeBatch);
            if (timestamp > maxTimestamp) {
                maxTimestamp = timestamp;
            }
        }
        if (!input.atEnd()) {
            throw new InvalidRecordStructureException("Incorrect declared batch size, records still remaining in file");
        }
    }

    private RecordFields readRecord(RecordInput input, int index) throws IOException {
        int bodySize = input.readVarint();
        if (bodySize < 0) {
            throw new InvalidRecordStructureException("Invalid record size " + bodySize + " of record " + index);
        }

        long start = input.bytesRead();
        input.readByte();
        long timestampDelta = input.readVarlong();
        int offsetDelta = input.readVarint();
        int keySize = input.readVarint();
        skipField(input, keySize, "key", index);
        int valueSize = input.readVarint();
        skipField(input, valueSize, "value", index);

        int headerCount = input.readVarint();
        if (headerCount < 0) {
            throw new InvalidRecordStructureException("Invalid negative header count: " + headerCount);
        }
        for (int h = 0; h < headerCount; h++) {
            int headerKeySize = input.readVarint();
            if (headerKeySize < 0) {
                throw new InvalidRecordStructureException("Invalid negative header key size " + headerKeySize);
            }
            input.skip(headerKeySize);
            skipField(input, input.readVarint(), "header value", index);
            if (input.bytesRead() - start > bodySize) {
                break;
            }
        }
        long read = input.bytesRead() - start;
        if (read != bodySize) {
            throw new InvalidRecordStructureException("Invalid record size: expected to read " + bodySize
                    + " bytes in record payload, but instead read " + read);
        }
        return new RecordFields(timestampDelta, offsetDelta, keySize >= 0);
    }

    private static void skipField(RecordInput input, int size, String field, int index) throws IOException {
        if (size < -1) {
            throw new InvalidRecordStructureException("Invalid " + field + " size " + size + " of record " + index);
        }
        if (size > 0) {
            input.skip(size);
        }
    }

    private void checkRecord(int index, RecordFields record, long timestamp, boolean logAppendTimeBatch) {
        // NOTE: Kafka 4.4 rewrites a compressed batch whose offset deltas are not 0, 1, 2, ... and ignores them
        // in an uncompressed batch. Tributary appends batches as sent, so it rejects them instead.
        if (record.offsetDelta() != index) {
            addError(index, ErrorCode.INVALID_RECORD, "Record at index " + index + " has offset delta "
                    + record.offsetDelta() + " but the offset deltas of a batch must be 0, 1, 2, ... in topic partition "
                    + topicPartition);
            return;
        }
        if (policy.compacted() && !record.hasKey()) {
            addError(index, ErrorCode.INVALID_RECORD, "Compacted topic cannot accept message without key in topic partition "
                    + topicPartition);
            return;
        }
        if (policy.timestampType() == TimestampType.CREATE_TIME && timestamp != NO_TIMESTAMP) {
            long difference = nowMs - timestamp;
            if (difference > policy.timestampBeforeMaxMs() || -difference > policy.timestampAfterMaxMs()) {
                addError(index, ErrorCode.INVALID_TIMESTAMP, "Timestamp " + timestamp + " of message with offset "
                        + index + " is out of range. The timestamp should be within ["
                        + (nowMs - policy.timestampBeforeMaxMs()) + ", " + (nowMs + policy.timestampAfterMaxMs()) + "]");
            }
        } else if (logAppendTimeBatch) {
            addError(index, ErrorCode.INVALID_TIMESTAMP, "Invalid timestamp type in message with offset " + index
                    + ". Producer should not set timestamp type to LogAppendTime.");
        }
    }

    private void addError(int index, ErrorCode error, String message) {
        if (error == ErrorCode.INVALID_TIMESTAMP) {
            anyInvalidTimestamp = true;
        }
        recordErrors.add(new ProduceResponse.RecordError(index, message));
    }

    private record RecordFields(long timestampDelta, int offsetDelta, boolean hasKey) {
    }

    /** A record whose bytes do not follow the record layout. */
    static final class InvalidRecordStructureException extends RuntimeException {
        InvalidRecordStructureException(String message) {
            super(message, null, false, false);
        }
    }

    /** Reads a heap or direct buffer without copying it. */
    private static final class ByteBufferInputStream extends InputStream {
        private final ByteBuffer buffer;

        ByteBufferInputStream(ByteBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public int read() {
            return buffer.hasRemaining() ? buffer.get() & 0xFF : -1;
        }

        @Override
        public int read(byte[] target, int offset, int length) {
            if (!buffer.hasRemaining()) {
                return -1;
            }
            int n = Math.min(length, buffer.remaining());
            buffer.get(target, offset, n);
            return n;
        }

        @Override
        public long skip(long n) {
            int skipped = (int) Math.min(n, buffer.remaining());
            buffer.position(buffer.position() + skipped);
            return skipped;
        }
    }

    /** Throws {@link RecordInput.LimitExceededException} once more than {@code limit} bytes have been read. */
    private static final class BoundedInputStream extends InputStream {
        private final InputStream in;
        private final long limit;
        private long count;

        BoundedInputStream(InputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] target, int offset, int length) throws IOException {
            int n = in.read(target, offset, (int) Math.min(length, limit - count + 1));
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            count += n;
            if (count > limit) {
                throw new RecordInput.LimitExceededException();
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }

}
