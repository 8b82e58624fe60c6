package io.tributary.protocol.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.Test;

class BatchHeadersTest {

    private static final long NOW = 1_750_000_000_000L;

    @Test
    void createTimeBatchGetsBrokerFields() {
        ByteBuffer records = batch();
        BatchInfo info = new BatchValidator(() -> NOW).validate(records, ValidationPolicy.defaults()).batches().get(0);

        BatchHeaders.assignBrokerFields(records, 500L, 7, TimestampType.CREATE_TIME, info.maxTimestamp(), NOW);

        RecordBatch batch = MemoryRecords.readableRecords(records).batches().iterator().next();
        assertThat(batch.isValid()).isTrue();
        assertThat(batch.baseOffset()).isEqualTo(500L);
        assertThat(batch.lastOffset()).isEqualTo(502L);
        assertThat(batch.partitionLeaderEpoch()).isEqualTo(7);
        assertThat(batch.maxTimestamp()).isEqualTo(NOW - 8);
        assertThat(batch.timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.CREATE_TIME);
    }

    @Test
    void logAppendTimeBatchGetsBrokerTimestamp() {
        ByteBuffer records = batch();

        BatchHeaders.assignBrokerFields(records, 0L, 1, TimestampType.LOG_APPEND_TIME, -1L, NOW + 5);

        RecordBatch batch = MemoryRecords.readableRecords(records).batches().iterator().next();
        assertThat(batch.isValid()).isTrue();
        assertThat(batch.timestampType()).isEqualTo(org.apache.kafka.common.record.TimestampType.LOG_APPEND_TIME);
        for (Record record : batch) {
            assertThat(record.timestamp()).isEqualTo(NOW + 5);
        }
    }

    private static ByteBuffer batch() {
        return MemoryRecords.withRecords(Compression.gzip().build(),
                new SimpleRecord(NOW - 10, "a".getBytes(StandardCharsets.UTF_8), null),
                new SimpleRecord(NOW - 8, "b".getBytes(StandardCharsets.UTF_8), null),
                new SimpleRecord(NOW - 9, "c".getBytes(StandardCharsets.UTF_8), null)).buffer();
    }
}
