package io.tributary.protocol.records;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.ErrorCode;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.CRC32C;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.record.internal.CompressionType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.MemoryRecordsBuilder;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;

class BatchValidatorTest {

    private static final long NOW = 1_750_000_000_000L;
    private static final String PARTITION = "orders-0";

    private final BatchValidator validator = new BatchValidator(() -> NOW);
    private final ValidationPolicy policy = ValidationPolicy.defaults();

    @Test
    void everyCodecRoundTripIsValid() {
        for (CompressionType type : CompressionType.values()) {
            ByteBuffer records = batch(Compression.of(type).build(), 10);

            ValidationResult result = validator.validate(records, policy);

            assertThat(result.error()).as("%s error", type).isEqualTo(ErrorCode.NONE);
            assertThat(result.errorMessage()).as("%s message", type).isNull();
            assertThat(result.batches()).as("%s batches", type).hasSize(1);
            BatchInfo info = result.batches().get(0);
            assertThat(info.compression().id()).as("%s codec", type).isEqualTo(type.id);
            assertThat(info.compression().codecName()).as("%s codec name", type).isEqualTo(type.name);
            assertThat(info.recordCount()).as("%s count", type).isEqualTo(10);
            assertThat(info.lastOffsetDelta()).as("%s last offset delta", type).isEqualTo(9);
            assertThat(info.maxTimestamp()).as("%s max timestamp", type).isEqualTo(NOW - 1000 + 9);
            assertThat(info.sizeInBytes()).as("%s size", type).isEqualTo(records.remaining());
            assertThat(info.producerId()).as("%s producer id", type).isEqualTo(-1L);
            assertThat(info.transactional()).as("%s transactional", type).isFalse();
        }
    }

    @Test
    void validationLeavesBufferPositionUnchanged() {
        ByteBuffer records = batch(Compression.NONE, 3);
        int position = records.position();

        validator.validate(records, policy);

        assertThat(records.position()).isEqualTo(position);
    }

    @Test
    void transactionalBatchReportsProducerFields() {
        ByteBuffer records = MemoryRecords.withTransactionalRecords(Compression.lz4().build(), 4711L, (short) 3, 17,
                records(5)).buffer();

        ValidationResult result = validator.validate(records, policy);

        assertThat(result.isValid()).isTrue();
        BatchInfo info = result.batches().get(0);
        assertThat(info.transactional()).isTrue();
        assertThat(info.control()).isFalse();
        assertThat(info.hasProducerId()).isTrue();
        assertThat(info.producerId()).isEqualTo(4711L);
        assertThat(info.producerEpoch()).isEqualTo((short) 3);
        assertThat(info.baseSequence()).isEqualTo(17);
        assertThat(info.lastSequence()).isEqualTo(21);
    }

    @Test
    void badCrcIsCorruptMessage() {
        ByteBuffer records = batch(Compression.NONE, 3);
        records.put(records.limit() - 1, (byte) (records.get(records.limit() - 1) ^ 0x01));

        ValidationResult result = validator.validate(records, policy, PARTITION, (short) 13);

        assertThat(result.error()).isEqualTo(ErrorCode.CORRUPT_MESSAGE);
        assertThat(result.errorMessage()).startsWith("Record is corrupt (stored crc = ").endsWith(
                "in topic partition orders-0.");
    }

    @Test
    void countNotMatchingOffsetRangeIsInvalidRecord() {
        ByteBuffer records = batch(Compression.NONE, 3);
        records.putInt(57, 4);
        fixCrc(records);

        ValidationResult result = validator.validate(records, policy, PARTITION, (short) 13);

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(result.errorMessage())
                .isEqualTo("Inconsistent batch offset range [0, 2] and count of records 4 in topic partition orders-0");
    }

    @Test
    void declaredCountAboveRecordsIsInvalidRecord() {
        ByteBuffer records = batch(Compression.NONE, 3);
        records.putInt(23, 3);
        records.putInt(57, 4);
        fixCrc(records);

        ValidationResult result = validator.validate(records, policy, PARTITION, (short) 13);

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(result.errorMessage()).contains("premature EOF");
    }

    @Test
    void declaredCountBelowRecordsIsInvalidRecord() {
        for (CompressionType type : new CompressionType[] {CompressionType.NONE, CompressionType.GZIP}) {
            ByteBuffer records = batch(Compression.of(type).build(), 3);
            records.putInt(23, 1);
            records.putInt(57, 2);
            fixCrc(records);

            ValidationResult result = validator.validate(records, policy, PARTITION, (short) 13);

            assertThat(result.error()).as("%s error", type).isEqualTo(ErrorCode.INVALID_RECORD);
            assertThat(result.errorMessage()).as("%s message", type).contains("records still remaining");
        }
    }

    @Test
    void zeroCountIsInvalidRecord() {
        ByteBuffer records = batch(Compression.NONE, 1);
        records.putInt(57, 0);
        fixCrc(records);

        ValidationResult result = validator.validate(records, policy, PARTITION, (short) 13);

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(result.errorMessage()).startsWith("Invalid reported count for record batch: 0");
    }

    @Test
    void negativeOffsetRangeIsInvalidRecord() {
        ByteBuffer records = batch(Compression.NONE, 1);
        records.putInt(23, -5);
        fixCrc(records);

        ValidationResult result = validator.validate(records, policy, PARTITION, (short) 13);

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(result.errorMessage()).startsWith("Batch has an invalid offset range: [0, -5]");
    }

    @Test
    void nonConsecutiveOffsetDeltasAreRecordErrors() {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        MemoryRecordsBuilder builder = MemoryRecords.builder(buffer, Compression.NONE,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, 0L);
        builder.appendWithOffset(0L, new SimpleRecord(NOW, "k".getBytes(StandardCharsets.UTF_8), null));
        builder.appendWithOffset(2L, new SimpleRecord(NOW, "k".getBytes(StandardCharsets.UTF_8), null));
        ByteBuffer records = builder.build().buffer();
        records.putInt(23, 1);
        fixCrc(records);

        ValidationResult result = validator.validate(records, policy, PARTITION, (short) 13);

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(result.recordErrors()).hasSize(1);
        assertThat(result.recordErrors().get(0).batchIndex()).isEqualTo(1);
        assertThat(result.recordErrors().get(0).message()).contains("offset delta 2");
        assertThat(result.errorMessage()).startsWith("One or more records have been rejected due to 1 record errors");
    }

    @Test
    void batchAboveMaxMessageBytesIsTooLarge() {
        ByteBuffer records = batch(Compression.NONE, 10);
        ValidationPolicy small = new ValidationPolicy(records.remaining() - 1, TimestampType.CREATE_TIME,
                Long.MAX_VALUE, Long.MAX_VALUE, false, ValidationPolicy.DEFAULT_MAX_UNCOMPRESSED_BYTES);

        ValidationResult result = validator.validate(records, small, PARTITION, (short) 13);

        assertThat(result.error()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
        assertThat(result.errorMessage()).isEqualTo("The record batch size in the append to orders-0 is "
                + records.remaining() + " bytes which exceeds the maximum configured value of "
                + (records.remaining() - 1) + ".");
    }

    @Test
    void timestampsOutsideBoundsAreInvalidTimestamp() {
        ByteBuffer records = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord(NOW - 7_200_000L, "a".getBytes(StandardCharsets.UTF_8), null),
                new SimpleRecord(NOW, "b".getBytes(StandardCharsets.UTF_8), null),
                new SimpleRecord(NOW + 7_200_000L, "c".getBytes(StandardCharsets.UTF_8), null)).buffer();
        ValidationPolicy bounded = new ValidationPolicy(ValidationPolicy.DEFAULT_MAX_MESSAGE_BYTES,
                TimestampType.CREATE_TIME, 3_600_000L, 3_600_000L, false, ValidationPolicy.DEFAULT_MAX_UNCOMPRESSED_BYTES);

        ValidationResult result = validator.validate(records, bounded, PARTITION, (short) 13);

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_TIMESTAMP);
        assertThat(result.errorMessage()).isEqualTo("One or more records have been rejected due to invalid timestamp");
        assertThat(result.recordErrors()).extracting(e -> e.batchIndex()).containsExactly(0, 2);
        assertThat(result.recordErrors().get(0).message()).isEqualTo("Timestamp " + (NOW - 7_200_000L)
                + " of message with offset 0 is out of range. The timestamp should be within ["
                + (NOW - 3_600_000L) + ", " + (NOW + 3_600_000L) + "]");
    }

    @Test
    void logAppendTimeTopicIgnoresClientTimestamps() {
        ByteBuffer records = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord(1L, "a".getBytes(StandardCharsets.UTF_8), null)).buffer();
        ValidationPolicy logAppendTime = new ValidationPolicy(ValidationPolicy.DEFAULT_MAX_MESSAGE_BYTES,
                TimestampType.LOG_APPEND_TIME, 0L, 0L, false, ValidationPolicy.DEFAULT_MAX_UNCOMPRESSED_BYTES);

        assertThat(validator.validate(records, logAppendTime).error()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void decompressionBombIsBounded() {
        byte[] zeros = new byte[8 * 1024 * 1024];
        ByteBuffer records = MemoryRecords.withRecords(Compression.gzip().build(),
                new SimpleRecord(NOW, "k".getBytes(StandardCharsets.UTF_8), zeros)).buffer();
        ValidationPolicy bounded = new ValidationPolicy(ValidationPolicy.DEFAULT_MAX_MESSAGE_BYTES,
                TimestampType.CREATE_TIME, Long.MAX_VALUE, Long.MAX_VALUE, false, 1024 * 1024);

        ValidationResult result = validator.validate(records, bounded, PARTITION, (short) 13);

        assertThat(records.remaining()).as("compressed size").isLessThan(ValidationPolicy.DEFAULT_MAX_MESSAGE_BYTES);
        assertThat(result.error()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
        assertThat(result.errorMessage()).contains("decompresses to more than 1048576 bytes");
    }

    @Test
    void everyCodecBombIsBounded() {
        byte[] zeros = new byte[4 * 1024 * 1024];
        ValidationPolicy bounded = new ValidationPolicy(ValidationPolicy.DEFAULT_MAX_MESSAGE_BYTES,
                TimestampType.CREATE_TIME, Long.MAX_VALUE, Long.MAX_VALUE, false, 512 * 1024);
        for (CompressionType type : CompressionType.values()) {
            if (type == CompressionType.NONE) {
                continue;
            }
            ByteBuffer records = MemoryRecords.withRecords(Compression.of(type).build(),
                    new SimpleRecord(NOW, null, zeros)).buffer();

            assertThat(validator.validate(records, bounded).error()).as("%s", type).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
        }
    }

    @Test
    void magicOneBatchIsInvalidRecord() {
        ByteBuffer records = MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V1, Compression.NONE, records(2)).buffer();

        ValidationResult result = validator.validate(records, policy, PARTITION, (short) 9);

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(result.errorMessage())
                .isEqualTo("Produce requests with version 9 are only allowed to contain record batches with magic version 2");
    }

    @Test
    void zstdBeforeProduceVersionSevenIsUnsupported() {
        ByteBuffer records = batch(Compression.zstd().build(), 2);

        ValidationResult old = validator.validate(records, policy, PARTITION, (short) 6);
        ValidationResult current = validator.validate(records, policy, PARTITION, (short) 7);

        assertThat(old.error()).isEqualTo(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE);
        assertThat(current.error()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void unknownCodecIdIsUnsupportedCompression() {
        ByteBuffer records = batch(Compression.NONE, 2);
        records.putShort(21, (short) ((records.getShort(21) & ~0x07) | 0x05));
        fixCrc(records);

        ValidationResult result = validator.validate(records, policy);

        assertThat(result.error()).isEqualTo(ErrorCode.UNSUPPORTED_COMPRESSION_TYPE);
    }

    @Test
    void twoBatchesAreInvalidRecord() {
        ByteBuffer first = batch(Compression.NONE, 2);
        ByteBuffer second = batch(Compression.NONE, 2);
        ByteBuffer both = ByteBuffer.allocate(first.remaining() + second.remaining()).put(first).put(second).flip();

        ValidationResult result = validator.validate(both, policy, PARTITION, (short) 13);

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(result.errorMessage()).contains("exactly one record batch per partition");
    }

    @Test
    void trailingPartialBatchIsCorruptMessage() {
        ByteBuffer first = batch(Compression.NONE, 2);
        ByteBuffer records = ByteBuffer.allocate(first.remaining() + 20).put(first.duplicate()).put(first.duplicate()
                .limit(20)).flip();

        ValidationResult result = validator.validate(records, policy, PARTITION, (short) 13);

        assertThat(result.error()).isEqualTo(ErrorCode.CORRUPT_MESSAGE);
    }

    @Test
    void truncatedOnlyBatchHasNoBatch() {
        ByteBuffer whole = batch(Compression.NONE, 2);
        ByteBuffer truncated = whole.duplicate().limit(whole.limit() - 1);

        ValidationResult result = validator.validate(truncated, policy, PARTITION, (short) 13);

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(result.errorMessage()).isEqualTo(
                "Produce requests with version 13 must have at least one record batch per partition");
    }

    @Test
    void emptyRecordsHaveNoBatch() {
        ValidationResult result = validator.validate(ByteBuffer.allocate(0), policy);

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_RECORD);
    }

    @Test
    void nonZeroBaseOffsetIsInvalidRecord() {
        ByteBuffer records = MemoryRecords.withRecords(42L, Compression.NONE, records(2)).buffer();

        ValidationResult result = validator.validate(records, policy, PARTITION, (short) 13);

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(result.errorMessage())
                .isEqualTo("The baseOffset of the record batch in the append to orders-0 should be 0, but it is 42");
    }

    @Test
    void controlBatchFromClientIsInvalidRecord() {
        ByteBuffer records = batch(Compression.NONE, 1);
        records.putShort(21, (short) (records.getShort(21) | 0x20));
        fixCrc(records);

        ValidationResult result = validator.validate(records, policy, PARTITION, (short) 13);

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(result.errorMessage())
                .isEqualTo("Clients are not allowed to write control records in topic partition orders-0");
    }

    @Test
    void idempotentBatchWithoutSequenceIsInvalidRecord() {
        ByteBuffer records = MemoryRecords.withIdempotentRecords(Compression.NONE, 9L, (short) 0, 0, records(1))
                .buffer();
        records.putInt(53, -1);
        fixCrc(records);

        ValidationResult result = validator.validate(records, policy, PARTITION, (short) 13);

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(result.errorMessage())
                .isEqualTo("Invalid sequence number -1 in record batch with producerId 9 in topic partition orders-0");
    }

    @Test
    void compactedTopicRejectsNullKey() {
        ByteBuffer records = MemoryRecords.withRecords(Compression.NONE,
                new SimpleRecord(NOW, "k".getBytes(StandardCharsets.UTF_8), null),
                new SimpleRecord(NOW, null, "v".getBytes(StandardCharsets.UTF_8))).buffer();
        ValidationPolicy compacted = new ValidationPolicy(ValidationPolicy.DEFAULT_MAX_MESSAGE_BYTES,
                TimestampType.CREATE_TIME, Long.MAX_VALUE, Long.MAX_VALUE, true,
                ValidationPolicy.DEFAULT_MAX_UNCOMPRESSED_BYTES);

        ValidationResult result = validator.validate(records, compacted, PARTITION, (short) 13);

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_RECORD);
        assertThat(result.recordErrors()).hasSize(1);
        assertThat(result.recordErrors().get(0).batchIndex()).isEqualTo(1);
    }

    @Test
    void recordsWithHeadersAreValid() {
        ByteBuffer records = MemoryRecords.withRecords(Compression.snappy().build(),
                new SimpleRecord(NOW, "k".getBytes(StandardCharsets.UTF_8), "v".getBytes(StandardCharsets.UTF_8),
                        new org.apache.kafka.common.header.Header[] {
                            new RecordHeader("trace", "abc".getBytes(StandardCharsets.UTF_8)),
                            new RecordHeader("empty", null)})).buffer();

        assertThat(validator.validate(records, policy).error()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void randomCorruptionNeverThrows() {
        Random random = new Random(20_240_601L);
        CompressionType[] types = CompressionType.values();
        for (int i = 0; i < 2_000; i++) {
            ByteBuffer records = batch(Compression.of(types[i % types.length]).build(), 1 + random.nextInt(5));
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int index = random.nextInt(records.limit());
                records.put(index, (byte) random.nextInt(256));
            }
            if (random.nextBoolean()) {
                fixCrc(records);
            }
            if (random.nextInt(4) == 0) {
                records.limit(random.nextInt(records.limit() + 1));
            }

            ValidationResult result = validator.validate(records, policy);

            assertThat(result.error()).as("iteration %s", i).isNotNull();
        }
    }

    private static SimpleRecord[] records(int count) {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(NOW - 1000 + i, ("key-" + i).getBytes(StandardCharsets.UTF_8),
                    ("value-" + i).getBytes(StandardCharsets.UTF_8));
        }
        return records;
    }

    private static ByteBuffer batch(Compression compression, int count) {
        return MemoryRecords.withRecords(compression, records(count)).buffer();
    }

    /** Rewrites the CRC of the single batch in {@code records} after a test changed its bytes. */
    private static void fixCrc(ByteBuffer records) {
        if (records.limit() < 61) {
            return;
        }
        CRC32C crc = new CRC32C();
        crc.update(records.slice(21, records.limit() - 21));
        records.putInt(17, (int) crc.getValue());
    }
}
