package io.tributary.bench;

import io.tributary.storage.AppendOrigin;
import io.tributary.storage.AppendResult;
import io.tributary.storage.Log;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.file.FileSync;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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
 * Appends one prepared record batch to a partition log per operation, as the produce path does
 * after validation.
 *
 * <p>Durability modes:
 * <ul>
 *   <li>{@code noopSync}: {@code flush.messages=1} (Tributary's default) with a {@link FileSync} that
 *       forces nothing. The append and the flush request it triggers are measured, not the disk.</li>
 *   <li>{@code pageCache}: {@code flush.messages} at its maximum (Kafka's default), so no force is ever
 *       requested. Only the write to the page cache and the index updates are measured.</li>
 *   <li>{@code fsync}: {@code flush.messages=1} with the system {@link FileSync}, waiting for
 *       {@link Log#awaitDurable} as a produce with {@code acks=all} does. This measures the disk.</li>
 * </ul>
 *
 * <p>Segments roll at 32 MiB and the log start offset is raised to the high watermark every 4096
 * appends, so a run keeps at most a few segments on disk.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LogAppendBenchmark {

    private static final int SEGMENT_BYTES = 32 * 1024 * 1024;
    private static final int APPENDS_PER_CLEANUP = 4096;

    /** Records per batch and bytes per record value. */
    @Param({"16x100", "1x1024"})
    public String batchShape;

    @Param({"noopSync", "pageCache", "fsync"})
    public String durability;

    private Path dataDir;
    private LogManager logManager;
    private Log log;
    private ByteBuffer batch;
    private boolean awaitDurable;
    private long appends;

    @Setup(Level.Trial)
    public void openLog() throws IOException {
        LogConfig config = LogConfig.defaults().withSegmentBytes(SEGMENT_BYTES);
        FileSync fileSync = FileSync.system();
        switch (durability) {
            case "noopSync" -> fileSync = NoOpFileSync.INSTANCE;
            case "pageCache" -> config = config.withFlushMessages(Long.MAX_VALUE);
            case "fsync" -> awaitDurable = true;
            default -> throw new IllegalArgumentException("Unknown durability mode " + durability);
        }
        dataDir = BenchData.createDataDir("bench-append");
        logManager = LogManager.builder(dataDir).defaultConfig(config).fileSync(fileSync).open();
        log = logManager.getOrCreate("bench", 0, null, config);
        batch = BenchData.batch(batchShape);
    }

    @Benchmark
    public AppendResult append() {
        AppendResult result = log.append(batch, AppendOrigin.CLIENT);
        if (!result.succeeded()) {
            throw new IllegalStateException("Append failed with " + result.error() + ": " + result.errorMessage());
        }
        if (awaitDurable) {
            log.awaitDurable(result.nextOffset()).join();
        }
        if (++appends % APPENDS_PER_CLEANUP == 0) {
            log.maybeIncrementLogStartOffset(log.highWatermark());
        }
        return result;
    }

    @TearDown(Level.Trial)
    public void closeLog() throws IOException {
        logManager.close();
        BenchData.deleteRecursively(dataDir);
    }
}
