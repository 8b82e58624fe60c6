package io.tributary.storage;

import io.tributary.storage.file.FileSync;
import io.tributary.storage.file.OffsetCheckpointFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogStartOffsetTest {

    private static final LogConfig SMALL_SEGMENTS = LogConfig.defaults()
            .withSegmentBytes(LogConfig.MIN_SEGMENT_BYTES)
            .withIndexIntervalBytes(64);

    @TempDir
    Path tempDir;

    /** Appends {@code batches} durable batches of two records each, with timestamps 1000, 1001, ... */
    private static void appendBatches(Log log, int batches) {
        for (int i = 0; i < batches; i++) {
            AppendResult result = log.append(Batches.batch(1_000 + i, 2, "v" + i), AppendOrigin.CLIENT);
            log.awaitDurable(result.nextOffset()).join();
        }
    }

    private static Path checkpointFile(Path dataDir) {
        return dataDir.resolve(LogManager.LOG_START_OFFSET_CHECKPOINT_FILE);
    }

    private static Map<TopicPartition, Long> readCheckpoint(Path dataDir) throws IOException {
        return new OffsetCheckpointFile(checkpointFile(dataDir), FileSync.system()).read();
    }

    @Test
    void raisedStartOffsetRejectsReadsBelow() throws IOException {
        try (LogManager manager = LogManager.open(tempDir, LogConfig.defaults())) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), LogConfig.defaults());
            appendBatches(log, 3);

            long result = log.maybeIncrementLogStartOffset(3);

            assertThat(result).isEqualTo(3);
            assertThat(log.logStartOffset()).isEqualTo(3);
            assertThatThrownBy(() -> log.read(2, 1 << 20, true))
                    .isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("valid offsets are 3 to 6");
            assertThat(Batches.values(log, 3)).containsExactly("v1-1", "v2-0", "v2-1");
        }
    }

    @Test
    void startOffsetAboveHighWatermarkIsRejected() throws IOException {
        try (LogManager manager = LogManager.open(tempDir, LogConfig.defaults())) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), LogConfig.defaults());
            appendBatches(log, 2);

            assertThatThrownBy(() -> log.maybeIncrementLogStartOffset(5))
                    .isInstanceOf(OffsetOutOfRangeException.class)
                    .hasMessageContaining("high watermark 4");
            assertThatThrownBy(() -> log.maybeIncrementLogStartOffset(-2))
                    .isInstanceOf(OffsetOutOfRangeException.class);
            assertThat(log.logStartOffset()).isZero();
            assertThat(checkpointFile(tempDir)).doesNotExist();
        }
    }

    @Test
    void startOffsetAtHighWatermarkEmptiesLog() throws IOException {
        try (LogManager manager = LogManager.open(tempDir, LogConfig.defaults())) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), LogConfig.defaults());
            appendBatches(log, 2);

            assertThat(log.maybeIncrementLogStartOffset(4)).isEqualTo(4);

            assertThat(Batches.values(log, 4)).isEmpty();
            AppendResult next = log.append(Batches.batch(2_000, 1, "after"), AppendOrigin.CLIENT);
            assertThat(next.firstOffset()).isEqualTo(4);
        }
    }

    @Test
    void lowerStartOffsetChangesNothing() throws IOException {
        try (LogManager manager = LogManager.open(tempDir, LogConfig.defaults())) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), LogConfig.defaults());
            appendBatches(log, 3);
            log.maybeIncrementLogStartOffset(4);

            assertThat(log.maybeIncrementLogStartOffset(2)).isEqualTo(4);
            assertThat(log.maybeIncrementLogStartOffset(4)).isEqualTo(4);
            assertThat(log.logStartOffset()).isEqualTo(4);
        }
    }

    @Test
    void segmentsWhollyBelowStartAreDeleted() throws IOException {
        try (LogManager manager = LogManager.open(tempDir, SMALL_SEGMENTS)) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), SMALL_SEGMENTS);
            appendBatches(log, 40);
            List<Long> bases = log.segmentBaseOffsets();
            assertThat(bases).hasSizeGreaterThanOrEqualTo(4);
            long newStart = bases.get(2) + 1;

            log.maybeIncrementLogStartOffset(newStart);

            assertThat(log.segmentBaseOffsets()).isEqualTo(bases.subList(2, bases.size()));
            Path dir = tempDir.resolve("orders-0");
            for (long deleted : bases.subList(0, 2)) {
                assertThat(dir.resolve(String.format("%020d.log", deleted))).doesNotExist();
                assertThat(dir.resolve(String.format("%020d.index", deleted))).doesNotExist();
                assertThat(dir.resolve(String.format("%020d.timeindex", deleted))).doesNotExist();
            }
            assertThat(dir.resolve(String.format("%020d.log", bases.get(2)))).exists();
        }
    }

    @Test
    void activeSegmentStaysWhenStartReachesEnd() throws IOException {
        try (LogManager manager = LogManager.open(tempDir, SMALL_SEGMENTS)) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), SMALL_SEGMENTS);
            appendBatches(log, 40);
            List<Long> bases = log.segmentBaseOffsets();

            log.maybeIncrementLogStartOffset(log.highWatermark());

            assertThat(log.segmentBaseOffsets()).containsExactly(bases.get(bases.size() - 1));
        }
    }

    @Test
    void openSliceKeepsDeletedSegmentReadable() throws IOException {
        try (LogManager manager = LogManager.open(tempDir, SMALL_SEGMENTS)) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), SMALL_SEGMENTS);
            appendBatches(log, 40);
            long secondSegment = log.segmentBaseOffsets().get(1);
            Path firstFile = tempDir.resolve("orders-0").resolve(String.format("%020d.log", 0));

            FileSlice slice = log.read(0, 1 << 20, true);
            log.maybeIncrementLogStartOffset(secondSegment);

            assertThat(firstFile).exists();
            assertThat(Batches.headers(slice)).isNotEmpty().allSatisfy(header ->
                    assertThat(header.baseOffset()).isLessThan(secondSegment));
            assertThat(firstFile).doesNotExist();
        }
    }

    @Test
    void startOffsetSurvivesCleanRestart() throws IOException {
        try (LogManager manager = LogManager.open(tempDir, SMALL_SEGMENTS)) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), SMALL_SEGMENTS);
            appendBatches(log, 40);
            log.maybeIncrementLogStartOffset(25);
        }

        try (LogManager manager = LogManager.open(tempDir, SMALL_SEGMENTS)) {
            Log log = manager.log("orders", 0).orElseThrow();
            assertThat(manager.recoveryStats().cleanShutdown()).isTrue();
            assertThat(log.logStartOffset()).isEqualTo(25);
            assertThat(log.logEndOffset()).isEqualTo(80);
            assertThatThrownBy(() -> log.read(24, 1 << 20, true)).isInstanceOf(OffsetOutOfRangeException.class);
            assertThat(Batches.values(log, 25)).hasSize(55).startsWith("v12-1");
        }
    }

    @Test
    void startOffsetSurvivesCrashRightAfterReturn() throws IOException {
        Path dataDir = tempDir.resolve("data");
        Path crashCopy = tempDir.resolve("crash");
        try (LogManager manager = LogManager.open(dataDir, SMALL_SEGMENTS)) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), SMALL_SEGMENTS);
            appendBatches(log, 40);
            log.maybeIncrementLogStartOffset(31);
            // The files as they are on return, with no close: what a crash at this point leaves
            LogRecoveryTest.copyDirectory(dataDir, crashCopy);
        }

        try (LogManager manager = LogManager.open(crashCopy, SMALL_SEGMENTS)) {
            Log log = manager.log("orders", 0).orElseThrow();
            assertThat(manager.recoveryStats().cleanShutdown()).isFalse();
            assertThat(log.logStartOffset()).isEqualTo(31);
            assertThatThrownBy(() -> log.read(30, 1 << 20, true)).isInstanceOf(OffsetOutOfRangeException.class);
            assertThat(Batches.values(log, 31)).hasSize(49).startsWith("v15-1");
        }
    }

    @Test
    void checkpointIsForcedBeforeReturn() throws IOException {
        RecordingFileSync fileSync = new RecordingFileSync();
        try (LogManager manager = LogManager.builder(tempDir).fileSync(fileSync).open()) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), LogConfig.defaults());
            appendBatches(log, 2);
            int forcesBefore = fileSync.forces.get();

            log.maybeIncrementLogStartOffset(3);

            assertThat(fileSync.forces.get()).isGreaterThan(forcesBefore);
            assertThat(fileSync.syncedDirectories).contains(tempDir.toAbsolutePath());
            assertThat(readCheckpoint(tempDir)).containsEntry(new TopicPartition("orders", 0), 3L);
        }
    }

    @Test
    void segmentsBelowStartAreDeletedAtLoad() throws IOException {
        Path dataDir = tempDir.resolve("data");
        Path crashCopy = tempDir.resolve("crash");
        List<Long> bases;
        try (LogManager manager = LogManager.open(dataDir, SMALL_SEGMENTS)) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), SMALL_SEGMENTS);
            appendBatches(log, 40);
            bases = log.segmentBaseOffsets();
            LogRecoveryTest.copyDirectory(dataDir, crashCopy);
        }
        // A crash after the checkpoint write but before the segment files were removed
        new OffsetCheckpointFile(checkpointFile(crashCopy), FileSync.system())
                .write(Map.of(new TopicPartition("orders", 0), bases.get(2)));

        try (LogManager manager = LogManager.open(crashCopy, SMALL_SEGMENTS)) {
            Log log = manager.log("orders", 0).orElseThrow();
            assertThat(log.logStartOffset()).isEqualTo(bases.get(2));
            assertThat(log.segmentBaseOffsets()).isEqualTo(bases.subList(2, bases.size()));
            assertThat(crashCopy.resolve("orders-0").resolve(String.format("%020d.log", 0))).doesNotExist();
        }
    }

    @Test
    void logRestartsEmptyWhenRecoveryEndsBelowStart() throws IOException {
        Path dataDir = tempDir.resolve("data");
        try (LogManager manager = LogManager.open(dataDir, SMALL_SEGMENTS)) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), SMALL_SEGMENTS);
            appendBatches(log, 40);
            log.maybeIncrementLogStartOffset(80);
        }
        // Lose the only remaining segment's content, as a crash before its force would
        Files.delete(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE));
        Path dir = dataDir.resolve("orders-0");
        List<Long> bases = LogLoader.segmentBaseOffsets(dir);
        assertThat(bases).hasSize(1);
        try (FileChannel channel = FileChannel.open(dir.resolve(String.format("%020d.log", bases.get(0))),
                StandardOpenOption.WRITE)) {
            channel.truncate(0);
        }

        try (LogManager manager = LogManager.open(dataDir, SMALL_SEGMENTS)) {
            Log log = manager.log("orders", 0).orElseThrow();
            assertThat(log.logStartOffset()).isEqualTo(80);
            assertThat(log.logEndOffset()).isEqualTo(80);
            assertThat(log.segmentBaseOffsets()).containsExactly(80L);
            AppendResult next = log.append(Batches.batch(5_000, 1, "after"), AppendOrigin.CLIENT);
            assertThat(next.firstOffset()).isEqualTo(80);
        }
    }

    @Test
    void deletedPartitionLeavesCheckpoint() throws IOException {
        try (LogManager manager = LogManager.open(tempDir, LogConfig.defaults())) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), LogConfig.defaults());
            appendBatches(log, 2);
            log.maybeIncrementLogStartOffset(3);

            manager.delete("orders", 0);

            assertThat(readCheckpoint(tempDir)).doesNotContainKey(new TopicPartition("orders", 0));
            Log recreated = manager.getOrCreate("orders", 0, UUID.randomUUID(), LogConfig.defaults());
            assertThat(recreated.logStartOffset()).isZero();
        }
    }

    @Test
    void offsetForTimestampSkipsRecordsBelowStart() throws IOException {
        try (LogManager manager = LogManager.open(tempDir, LogConfig.defaults())) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), LogConfig.defaults());
            // Timestamps 1000, 1001 at offsets 0, 1 and 1001, 1002 at offsets 2, 3
            appendBatches(log, 2);
            log.maybeIncrementLogStartOffset(1);

            TimestampAndOffset found = log.offsetForTimestamp(0).orElseThrow();

            assertThat(found.offset()).isEqualTo(1);
            assertThat(found.timestamp()).isEqualTo(1_001);
        }
    }

    @Test
    void raiseOnClosedLogFails() throws IOException {
        Log log;
        try (LogManager manager = LogManager.open(tempDir, LogConfig.defaults())) {
            log = manager.getOrCreate("orders", 0, UUID.randomUUID(), LogConfig.defaults());
            appendBatches(log, 1);
        }

        assertThatThrownBy(() -> log.maybeIncrementLogStartOffset(1))
                .isInstanceOf(StorageException.class)
                .hasMessageContaining("closed");
    }
}
