package io.tributary.storage;

import io.tributary.storage.record.RecordBatchHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class LogRecoveryTest {

    @TempDir
    Path tempDir;

    private static final LogConfig SMALL_SEGMENTS = LogConfig.defaults()
            .withSegmentBytes(LogConfig.MIN_SEGMENT_BYTES)
            .withIndexIntervalBytes(64);

    private static Path segmentFile(Path dataDir, long baseOffset, String suffix) {
        return dataDir.resolve("orders-0").resolve(String.format("%020d%s", baseOffset, suffix));
    }

    /** Writes {@code batches} batches of two records each and closes cleanly. */
    private static List<String> writeLog(Path dataDir, LogConfig config, int batches) throws IOException {
        List<String> values = new ArrayList<>();
        try (LogManager manager = LogManager.open(dataDir, config)) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), config);
            for (int i = 0; i < batches; i++) {
                AppendResult result = log.append(Batches.batch(1_000 + i, 2, "v" + i), AppendOrigin.CLIENT);
                log.awaitDurable(result.nextOffset()).join();
                values.add("v" + i + "-0");
                values.add("v" + i + "-1");
            }
        }
        return values;
    }

    private static void markUnclean(Path dataDir) throws IOException {
        Files.delete(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE));
    }

    private static List<Long> batchPositions(Path logFile) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(logFile));
        List<Long> positions = new ArrayList<>();
        int position = 0;
        while (position < bytes.limit()) {
            positions.add((long) position);
            position += RecordBatchHeader.parse(bytes, position).sizeInBytes();
        }
        positions.add((long) position);
        return positions;
    }

    @Test
    void cleanRestartSkipsRecovery() throws IOException {
        Path dataDir = tempDir.resolve("data");
        List<String> values = writeLog(dataDir, SMALL_SEGMENTS, 30);

        try (LogManager manager = LogManager.open(dataDir, SMALL_SEGMENTS)) {
            RecoveryStats stats = manager.recoveryStats();
            assertThat(stats.cleanShutdown()).isTrue();
            assertThat(stats.segmentsRecovered()).isZero();
            assertThat(stats.batchesValidated()).isZero();
            assertThat(stats.segmentsLoaded()).isGreaterThan(1);
            assertThat(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE)).doesNotExist();
            Log log = manager.log("orders", 0).orElseThrow();
            assertThat(log.logEndOffset()).isEqualTo(60);
            assertThat(Batches.values(log, 0)).isEqualTo(values);
        }
    }

    @Test
    void uncleanRestartValidatesOnlySegmentsAfterRecoveryPoint() throws IOException {
        Path dataDir = tempDir.resolve("data");
        writeLog(dataDir, SMALL_SEGMENTS, 30);
        markUnclean(dataDir);

        try (LogManager manager = LogManager.open(dataDir, SMALL_SEGMENTS)) {
            RecoveryStats stats = manager.recoveryStats();
            assertThat(stats.cleanShutdown()).isFalse();
            assertThat(stats.segmentsRecovered()).isEqualTo(1);
            assertThat(stats.bytesTruncated()).isZero();
        }
    }

    @Test
    void uncleanRestartWithoutCheckpointValidatesEverySegment() throws IOException {
        Path dataDir = tempDir.resolve("data");
        List<String> values = writeLog(dataDir, SMALL_SEGMENTS, 30);
        markUnclean(dataDir);
        Files.delete(dataDir.resolve(LogManager.RECOVERY_CHECKPOINT_FILE));

        try (LogManager manager = LogManager.open(dataDir, SMALL_SEGMENTS)) {
            RecoveryStats stats = manager.recoveryStats();
            Log log = manager.log("orders", 0).orElseThrow();
            assertThat(stats.segmentsRecovered()).isEqualTo(log.segmentCount());
            assertThat(stats.batchesValidated()).isEqualTo(30);
            assertThat(Batches.values(log, 0)).isEqualTo(values);
        }
    }

    @Test
    void recoveryTruncatesTornTailAtEveryByte() throws IOException {
        Path original = tempDir.resolve("original");
        List<String> values = writeLog(original, LogConfig.defaults(), 3);
        markUnclean(original);
        Path logFile = segmentFile(original, 0, ".log");
        List<Long> positions = batchPositions(logFile);
        long lastBatchStart = positions.get(2);
        long fileSize = positions.get(3);

        for (long cut = lastBatchStart; cut < fileSize; cut++) {
            Path dataDir = tempDir.resolve("cut-" + cut);
            copyDirectory(original, dataDir);
            try (FileChannel channel = FileChannel.open(segmentFile(dataDir, 0, ".log"), StandardOpenOption.WRITE)) {
                channel.truncate(cut);
            }

            try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
                Log log = manager.log("orders", 0).orElseThrow();
                assertThat(log.logEndOffset()).as("log end offset after cut at %d", cut).isEqualTo(4);
                assertThat(Batches.values(log, 0)).as("values after cut at %d", cut).isEqualTo(values.subList(0, 4));
                assertThat(manager.recoveryStats().bytesTruncated()).as("bytes truncated at %d", cut)
                        .isEqualTo(cut - lastBatchStart);
                AppendResult next = log.append(Batches.batch(5_000, 1, "after"), AppendOrigin.CLIENT);
                assertThat(next.firstOffset()).isEqualTo(4);
            }
            assertThat(Files.size(segmentFile(dataDir, 0, ".log"))).isGreaterThan(lastBatchStart);
            deleteDirectory(dataDir);
        }
    }

    @Test
    void recoveryTruncatesGarbageAfterLastBatch() throws IOException {
        Path dataDir = tempDir.resolve("data");
        List<String> values = writeLog(dataDir, LogConfig.defaults(), 3);
        markUnclean(dataDir);
        Path logFile = segmentFile(dataDir, 0, ".log");
        long size = Files.size(logFile);
        byte[] garbage = new byte[300];
        new java.util.Random(42).nextBytes(garbage);
        Files.write(logFile, garbage, StandardOpenOption.APPEND);

        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            Log log = manager.log("orders", 0).orElseThrow();
            assertThat(log.logEndOffset()).isEqualTo(6);
            assertThat(Batches.values(log, 0)).isEqualTo(values);
        }
        assertThat(Files.size(logFile)).isEqualTo(size);
    }

    @Test
    void recoveryDropsBatchWithBadCrc() throws IOException {
        Path dataDir = tempDir.resolve("data");
        List<String> values = writeLog(dataDir, LogConfig.defaults(), 3);
        markUnclean(dataDir);
        Path logFile = segmentFile(dataDir, 0, ".log");
        List<Long> positions = batchPositions(logFile);
        try (FileChannel channel = FileChannel.open(logFile, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(new byte[] {0x55}), positions.get(2) + RecordBatchHeader.HEADER_SIZE + 2);
        }

        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            Log log = manager.log("orders", 0).orElseThrow();
            assertThat(log.logEndOffset()).isEqualTo(4);
            assertThat(Batches.values(log, 0)).isEqualTo(values.subList(0, 4));
        }
    }

    @Test
    void corruptionInEarlierSegmentDeletesLaterSegments() throws IOException {
        Path dataDir = tempDir.resolve("data");
        writeLog(dataDir, SMALL_SEGMENTS, 30);
        markUnclean(dataDir);
        Files.delete(dataDir.resolve(LogManager.RECOVERY_CHECKPOINT_FILE));
        List<Long> bases = LogLoader.segmentBaseOffsets(dataDir.resolve("orders-0"));
        assertThat(bases.size()).isGreaterThanOrEqualTo(3);
        long secondBase = bases.get(1);
        Path secondLog = segmentFile(dataDir, secondBase, ".log");
        List<Long> positions = batchPositions(secondLog);
        try (FileChannel channel = FileChannel.open(secondLog, StandardOpenOption.WRITE)) {
            channel.truncate(positions.get(1) + 10);
        }

        try (LogManager manager = LogManager.open(dataDir, SMALL_SEGMENTS)) {
            Log log = manager.log("orders", 0).orElseThrow();
            assertThat(log.logEndOffset()).isEqualTo(secondBase + 2);
            assertThat(log.segmentBaseOffsets()).containsExactly(bases.get(0), secondBase);
        }
        assertThat(segmentFile(dataDir, bases.get(2), ".log")).doesNotExist();
    }

    @Test
    void deletedIndexesAreRebuilt() throws IOException {
        Path dataDir = tempDir.resolve("data");
        List<String> values = writeLog(dataDir, SMALL_SEGMENTS, 30);
        Files.delete(segmentFile(dataDir, 0, ".index"));
        Files.delete(segmentFile(dataDir, 0, ".timeindex"));

        try (LogManager manager = LogManager.open(dataDir, SMALL_SEGMENTS)) {
            assertThat(manager.recoveryStats().indexesRebuilt()).isEqualTo(2);
            Log log = manager.log("orders", 0).orElseThrow();
            assertThat(Batches.values(log, 0)).isEqualTo(values);
            assertThat(log.offsetForTimestamp(1_003)).map(TimestampAndOffset::offset).contains(5L);
        }
        assertThat(segmentFile(dataDir, 0, ".index")).isNotEmptyFile();
        assertThat(segmentFile(dataDir, 0, ".timeindex")).isNotEmptyFile();
    }

    @Test
    void corruptIndexIsRebuiltNotTrusted() throws IOException {
        Path dataDir = tempDir.resolve("data");
        List<String> values = writeLog(dataDir, SMALL_SEGMENTS, 30);
        Path index = segmentFile(dataDir, 0, ".index");
        byte[] original = Files.readAllBytes(index);
        assertThat(original.length).isGreaterThanOrEqualTo(16);
        // Swap the first two entries so offsets decrease
        byte[] corrupt = original.clone();
        System.arraycopy(original, 0, corrupt, 8, 8);
        System.arraycopy(original, 8, corrupt, 0, 8);
        Files.write(index, corrupt);

        try (LogManager manager = LogManager.open(dataDir, SMALL_SEGMENTS)) {
            assertThat(manager.recoveryStats().indexesRebuilt()).isEqualTo(2);
            Log log = manager.log("orders", 0).orElseThrow();
            assertThat(Batches.values(log, 0)).isEqualTo(values);
        }
        assertThat(Files.readAllBytes(index)).isEqualTo(original);
    }

    @Test
    void tornIndexEntryIsRebuilt() throws IOException {
        Path dataDir = tempDir.resolve("data");
        List<String> values = writeLog(dataDir, SMALL_SEGMENTS, 30);
        Path timeIndex = segmentFile(dataDir, 0, ".timeindex");
        Files.write(timeIndex, new byte[] {1, 2, 3}, StandardOpenOption.APPEND);

        try (LogManager manager = LogManager.open(dataDir, SMALL_SEGMENTS)) {
            assertThat(manager.recoveryStats().indexesRebuilt()).isEqualTo(2);
            assertThat(Batches.values(manager.log("orders", 0).orElseThrow(), 0)).isEqualTo(values);
        }
    }

    @Test
    void crashCopyKeepsAcknowledgedBatches() throws IOException {
        Path dataDir = tempDir.resolve("data");
        Path crashCopy = tempDir.resolve("crash");
        List<String> values = new ArrayList<>();
        try (LogManager manager = LogManager.open(dataDir, SMALL_SEGMENTS)) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), SMALL_SEGMENTS);
            for (int i = 0; i < 25; i++) {
                AppendResult result = log.append(Batches.batch(1_000 + i, 2, "v" + i), AppendOrigin.CLIENT);
                log.awaitDurable(result.nextOffset()).join();
                values.add("v" + i + "-0");
                values.add("v" + i + "-1");
            }
            manager.checkpointRecoveryPoints();
            copyDirectory(dataDir, crashCopy);
        }

        try (LogManager manager = LogManager.open(crashCopy, SMALL_SEGMENTS)) {
            assertThat(manager.recoveryStats().cleanShutdown()).isFalse();
            Log log = manager.log("orders", 0).orElseThrow();
            assertThat(Batches.values(log, 0)).isEqualTo(values);
        }
    }

    static void copyDirectory(Path source, Path target) throws IOException {
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path path : (Iterable<Path>) walk::iterator) {
                Path destination = target.resolve(source.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(destination);
                } else if (!path.getFileName().toString().equals(LogManager.LOCK_FILE)) {
                    Files.copy(path, destination);
                }
            }
        }
    }

    static void deleteDirectory(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(path);
            }
        }
    }
}
