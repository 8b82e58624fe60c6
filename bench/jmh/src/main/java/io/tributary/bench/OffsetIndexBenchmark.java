package io.tributary.bench;

import io.tributary.storage.record.RecordBatchHeader;
import io.tributary.storage.segment.LogSegment;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Looks up random offsets in one segment through its offset index: {@link LogSegment#locate} takes
 * the index's floor entry and scans the batch headers after it, as every fetch does.
 *
 * <p>The segment contains {@code batches} batches of 16 records with 100-byte values (1805 bytes
 * each). With {@code index.interval.bytes=4096}, Tributary's and Kafka's default, the offset index
 * gets an entry about every third batch, so 100000 batches give about 33000 entries.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class OffsetIndexBenchmark {

    private static final int RECORDS_PER_BATCH = 16;
    private static final int INDEX_INTERVAL_BYTES = 4096;
    private static final int MAX_INDEX_BYTES = 10 * 1024 * 1024;
    private static final int LOOKUPS = 1 << 16;

    @Param({"100000"})
    public int batches;

    private Path dataDir;
    private LogSegment segment;
    private long[] offsets;
    private int next;

    @Setup(Level.Trial)
    public void writeSegment() throws IOException {
        dataDir = BenchData.createDataDir("bench-index");
        segment = LogSegment.create(dataDir, 0, INDEX_INTERVAL_BYTES, MAX_INDEX_BYTES, System.currentTimeMillis());
        ByteBuffer batch = BenchData.batch(RECORDS_PER_BATCH, 100);
        for (int i = 0; i < batches; i++) {
            // The base offset is outside the CRC, so the same batch is stored at every offset.
            batch.putLong(RecordBatchHeader.BASE_OFFSET_OFFSET, (long) i * RECORDS_PER_BATCH);
            segment.append(batch, List.of(RecordBatchHeader.parse(batch, 0)));
        }

        SplittableRandom random = new SplittableRandom(42);
        offsets = new long[LOOKUPS];
        for (int i = 0; i < LOOKUPS; i++) {
            offsets[i] = random.nextLong(segment.nextOffset());
        }
    }

    @Benchmark
    public LogSegment.BatchLocation locateRandomOffset() throws IOException {
        long offset = offsets[next++ & (LOOKUPS - 1)];
        LogSegment.BatchLocation location = segment.locate(offset, segment.size());
        if (location == null) {
            throw new IllegalStateException("Offset " + offset + " not found in a segment ending at "
                    + segment.nextOffset());
        }
        return location;
    }

    @TearDown(Level.Trial)
    public void deleteSegment() {
        segment.release();
        BenchData.deleteRecursively(dataDir);
    }
}
