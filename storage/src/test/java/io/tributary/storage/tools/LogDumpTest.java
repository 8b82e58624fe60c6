package io.tributary.storage.tools;

import io.tributary.storage.record.RecordBatchBuilder;
import io.tributary.storage.record.RecordBatchHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class LogDumpTest {

    @TempDir
    Path dir;

    @Test
    void dumpPrintsBatchFieldsAndRecords() throws IOException {
        ByteBuffer plain = new RecordBatchBuilder().add(1_000, "k", "hello").add(1_001, "k2", "world").build();
        ByteBuffer idempotent = new RecordBatchBuilder().producer(42L, (short) 3, 7).add(2_000, "k", "v").build();
        idempotent.putLong(0, 2L);
        ByteBuffer gzip = new RecordBatchBuilder().add(3_000, "k", "z").build();
        gzip.putLong(0, 3L);
        gzip.putShort(RecordBatchHeader.ATTRIBUTES_OFFSET, (short) 1);
        Path segment = dir.resolve("00000000000000000000.log");
        Files.write(segment, RecordBatchBuilder.concat(plain, idempotent, gzip).array());

        StringBuilder out = new StringBuilder();
        int batches = LogDump.dump(segment, true, out);

        String[] lines = out.toString().split("\n");
        assertThat(batches).isEqualTo(3);
        assertThat(lines[1]).contains("baseOffset: 0 lastOffset: 1 count: 2", "producerId: -1", "CreateTime: 1001",
                "compresscodec: none", "isvalid: true", "position: 0");
        assertThat(lines[2]).contains("| offset: 0", "key: k payload: hello");
        assertThat(lines[3]).contains("| offset: 1", "payload: world");
        assertThat(lines[4]).contains("baseOffset: 2", "producerId: 42 producerEpoch: 3", "baseSequence: 7",
                "position: " + plain.remaining(), "size: " + idempotent.remaining());
        assertThat(lines[6]).contains("baseOffset: 3", "compresscodec: gzip", "isvalid: false");
        assertThat(lines[7]).contains("records not shown");
    }

    @Test
    void dumpStopsAtTruncatedBatch() throws IOException {
        ByteBuffer batch = new RecordBatchBuilder().add(1_000, "k", "v").build();
        Path segment = dir.resolve("00000000000000000000.log");
        Files.write(segment, RecordBatchBuilder.concat(batch, batch.duplicate().limit(30)).array());

        StringBuilder out = new StringBuilder();
        int batches = LogDump.dump(segment, false, out);

        assertThat(batches).isEqualTo(1);
        assertThat(out.toString()).contains("Stopped at position " + batch.remaining());
    }
}
