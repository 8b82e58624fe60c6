package io.tributary.bench;

import io.tributary.storage.record.RecordBatchBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;

/**
 * Record batches and data directories shared by the benchmarks. Record values repeat a short
 * JSON-like ASCII text, so compressed batches are smaller than uncompressed ones.
 */
final class BenchData {

    private static final String TEXT = "{\"order\":123456,\"customer\":\"c-0042\",\"items\":[\"sku-1\",\"sku-2\"],"
            + "\"total\":99.95,\"currency\":\"EUR\",\"note\":\"deliver to the back door\"}";

    private BenchData() {
    }

    /**
     * Returns one magic 2 batch without a producer id, base offset 0, as a client sends it.
     *
     * @param shape {@code <records>x<value bytes>}, for example {@code 16x100}
     */
    static ByteBuffer batch(String shape) {
        int separator = shape.indexOf('x');
        int records = Integer.parseInt(shape.substring(0, separator));
        int valueBytes = Integer.parseInt(shape.substring(separator + 1));
        return batch(records, valueBytes);
    }

    /** Returns an uncompressed batch of {@code records} records with {@code valueBytes}-byte values and no key. */
    static ByteBuffer batch(int records, int valueBytes) {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        long now = System.currentTimeMillis();
        for (int i = 0; i < records; i++) {
            builder.add(now, null, value(i, valueBytes));
        }
        return builder.build();
    }

    /**
     * Returns a batch compressed with kafka-clients' codec of that {@code compression.type} name, as a
     * Java producer builds it.
     */
    static ByteBuffer compressedBatch(String codec, int records, int valueBytes) {
        SimpleRecord[] simpleRecords = new SimpleRecord[records];
        long now = System.currentTimeMillis();
        for (int i = 0; i < records; i++) {
            simpleRecords[i] = new SimpleRecord(now, null, value(i, valueBytes));
        }
        Compression compression = Compression.of(codec.toLowerCase(Locale.ROOT)).build();
        MemoryRecords memoryRecords = MemoryRecords.withRecords(RecordBatch.MAGIC_VALUE_V2, 0L, compression,
                TimestampType.CREATE_TIME, simpleRecords);
        return memoryRecords.buffer().duplicate();
    }

    private static byte[] value(int index, int valueBytes) {
        byte[] text = (index + ":" + TEXT).getBytes(StandardCharsets.US_ASCII);
        byte[] value = new byte[valueBytes];
        for (int i = 0; i < valueBytes; i++) {
            value[i] = text[i % text.length];
        }
        return value;
    }

    /** Creates an empty directory under {@code java.io.tmpdir} for one benchmark trial. */
    static Path createDataDir(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a data directory under java.io.tmpdir", e);
        }
    }

    /** Deletes {@code root} and everything under it. */
    static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the benchmark data directory " + root, e);
        }
    }
}
