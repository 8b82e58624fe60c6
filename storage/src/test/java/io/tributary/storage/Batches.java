package io.tributary.storage;

import io.tributary.storage.record.Record;
import io.tributary.storage.record.RecordBatchBuilder;
import io.tributary.storage.record.RecordBatchHeader;
import io.tributary.storage.record.RecordBatchReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Builds test batches and decodes read slices. */
final class Batches {

    private Batches() {
    }

    /** Builds a batch of {@code count} records with values {@code prefix-0 .. prefix-(count-1)}. */
    static ByteBuffer batch(long timestamp, int count, String prefix) {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        for (int i = 0; i < count; i++) {
            builder.add(timestamp + i, "k" + i, prefix + "-" + i);
        }
        return builder.build();
    }

    static ByteBuffer idempotent(long producerId, short epoch, int baseSequence, int count) {
        RecordBatchBuilder builder = new RecordBatchBuilder().producer(producerId, epoch, baseSequence);
        for (int i = 0; i < count; i++) {
            builder.add(1_000 + i, "k", "v" + (baseSequence + i));
        }
        return builder.build();
    }

    /** Reads the slice and closes it. */
    static List<RecordBatchHeader> headers(FileSlice slice) throws IOException {
        try (slice) {
            List<RecordBatchHeader> headers = new ArrayList<>();
            if (slice.isEmpty()) {
                return headers;
            }
            for (ByteBuffer batch : RecordBatchReader.batches(slice.readAll())) {
                headers.add(RecordBatchHeader.parse(batch, 0));
            }
            return headers;
        }
    }

    /** Reads every record value below the high watermark, starting at {@code offset}. */
    static List<String> values(Log log, long offset) throws IOException {
        List<String> values = new ArrayList<>();
        long next = offset;
        while (next < log.highWatermark()) {
            try (FileSlice slice = log.read(next, 1 << 20, true)) {
                if (slice.isEmpty()) {
                    break;
                }
                for (ByteBuffer batch : RecordBatchReader.batches(slice.readAll())) {
                    for (Record record : RecordBatchReader.records(batch)) {
                        if (record.offset() >= next) {
                            values.add(new String(record.value(), StandardCharsets.UTF_8));
                        }
                    }
                    next = RecordBatchHeader.parse(batch, 0).nextOffset();
                }
            }
        }
        return values;
    }
}
