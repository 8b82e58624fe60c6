package io.tributary.storage;

import io.tributary.storage.epoch.LeaderEpochCache;
import io.tributary.storage.file.PartitionMetadataFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogManagerTest {

    @TempDir
    Path dataDir;

    @Test
    void getOrCreateReturnsSameLog() throws IOException {
        UUID topicId = UUID.randomUUID();
        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            Log first = manager.getOrCreate("orders", 3, topicId, LogConfig.defaults());
            Log second = manager.getOrCreate("orders", 3, topicId, LogConfig.defaults());

            assertThat(second).isSameAs(first);
            assertThat(manager.logs()).containsExactly(first);
            assertThat(dataDir.resolve("orders-3").resolve("00000000000000000000.log")).exists();
            assertThat(first.topicId()).isEqualTo(topicId);
        }
    }

    @Test
    void reopenLoadsEveryPartitionWithTopicId() throws IOException {
        UUID topicId = UUID.randomUUID();
        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            for (int partition = 0; partition < 3; partition++) {
                Log log = manager.getOrCreate("my-topic.v2", partition, topicId, LogConfig.defaults());
                log.append(Batches.batch(1_000, partition + 1, "p" + partition), AppendOrigin.CLIENT);
            }
        }

        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            assertThat(manager.logs()).hasSize(3);
            for (int partition = 0; partition < 3; partition++) {
                Log log = manager.log("my-topic.v2", partition).orElseThrow();
                assertThat(log.logEndOffset()).isEqualTo(partition + 1);
                assertThat(log.topicId()).isEqualTo(topicId);
            }
        }
    }

    @Test
    void idlePartitionsKeepOnlyTheirLogFileOpen() throws IOException {
        UUID topicId = UUID.randomUUID();
        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            for (int partition = 0; partition < 20; partition++) {
                Log log = manager.getOrCreate("idle", partition, topicId, LogConfig.defaults());
                log.append(Batches.batch(1_000, 1, "p" + partition), AppendOrigin.CLIENT);
            }
            assertThat(openFilesEndingWith(".log")).isEqualTo(20);
            assertThat(openFilesEndingWith(".index")).isZero();
            assertThat(openFilesEndingWith(".timeindex")).isZero();
        }

        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            assertThat(manager.logs()).hasSize(20);
            assertThat(openFilesEndingWith(".log")).isEqualTo(20);
            assertThat(openFilesEndingWith(".index")).isZero();
            assertThat(openFilesEndingWith(".timeindex")).isZero();
        }
    }

    /** Counts this JVM's open descriptors on files of {@link #dataDir} whose name ends with {@code suffix}. */
    private long openFilesEndingWith(String suffix) throws IOException {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            return descriptors.map(LogManagerTest::target)
                    .filter(target -> target.startsWith(dataDir.toString()) && target.endsWith(suffix))
                    .count();
        }
    }

    private static String target(Path descriptor) {
        try {
            return Files.readSymbolicLink(descriptor).toString();
        } catch (IOException closedMeanwhile) {
            return "";
        }
    }

    @Test
    void conflictingTopicIdIsRejected() throws IOException {
        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            manager.getOrCreate("orders", 0, UUID.randomUUID(), LogConfig.defaults());

            assertThatThrownBy(() -> manager.getOrCreate("orders", 0, UUID.randomUUID(), LogConfig.defaults()))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("topic id");
        }
    }

    @Test
    void secondManagerOnSameDirectoryFails() throws IOException {
        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            assertThatThrownBy(() -> LogManager.open(dataDir, LogConfig.defaults()))
                    .isInstanceOf(Exception.class);
            assertThat(manager.logs()).isEmpty();
        }
    }

    @Test
    void deleteRemovesPartitionDirectory() throws IOException {
        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            Log log = manager.getOrCreate("orders", 0, UUID.randomUUID(), LogConfig.defaults());
            log.append(Batches.batch(1_000, 2, "a"), AppendOrigin.CLIENT);

            assertThat(manager.delete("orders", 0)).isTrue();

            assertThat(manager.log("orders", 0)).isEmpty();
            assertThat(manager.delete("orders", 0)).isFalse();
            try (var entries = Files.list(dataDir)) {
                assertThat(entries.filter(Files::isDirectory)).isEmpty();
            }
            assertThat(log.append(Batches.batch(1_000, 1, "b"), AppendOrigin.CLIENT).error())
                    .isEqualTo(AppendError.KAFKA_STORAGE_ERROR);
        }
    }

    @Test
    void deleteLongestTopicName() throws IOException {
        String topic = "t".repeat(249);
        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            manager.getOrCreate(topic, 0, UUID.randomUUID(), LogConfig.defaults())
                    .append(Batches.batch(1_000, 2, "a"), AppendOrigin.CLIENT);

            assertThat(manager.delete(topic, 0)).isTrue();

            assertThat(manager.log(topic, 0)).isEmpty();
            try (var entries = Files.list(dataDir)) {
                assertThat(entries.filter(Files::isDirectory)).isEmpty();
            }
        }
        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            assertThat(manager.getOrCreate(topic, 0, UUID.randomUUID(), LogConfig.defaults()).logEndOffset())
                    .as("log end offset of the re-created partition").isZero();
        }
    }

    @Test
    void deleteInterruptedAfterRenameCompletesAtNextStart() throws IOException {
        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            manager.getOrCreate("orders", 0, UUID.randomUUID(), LogConfig.defaults())
                    .append(Batches.batch(1_000, 2, "a"), AppendOrigin.CLIENT);
            manager.getOrCreate("orders", 1, UUID.randomUUID(), LogConfig.defaults());
        }
        // State on disk right after the rename step of a delete, before any file was removed
        Files.move(dataDir.resolve("orders-0"), dataDir.resolve("orders-0.0123456789abcdef-delete"));

        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            assertThat(manager.log("orders", 0)).isEmpty();
            assertThat(manager.log("orders", 1)).isPresent();
            assertThat(dataDir.resolve("orders-0.0123456789abcdef-delete")).doesNotExist();
        }
    }

    @Test
    void recreatedPartitionStartsEmpty() throws IOException {
        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            manager.getOrCreate("orders", 0, UUID.randomUUID(), LogConfig.defaults())
                    .append(Batches.batch(1_000, 2, "a"), AppendOrigin.CLIENT);
            manager.delete("orders", 0);

            Log recreated = manager.getOrCreate("orders", 0, UUID.randomUUID(), LogConfig.defaults());

            assertThat(recreated.logEndOffset()).isZero();
        }
    }

    @Test
    void closeWritesRecoveryPointsAndMarker() throws IOException {
        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            manager.getOrCreate("orders", 0, null, LogConfig.defaults())
                    .append(Batches.batch(1_000, 4, "a"), AppendOrigin.CLIENT);
        }

        assertThat(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE)).exists();
        assertThat(new io.tributary.storage.file.OffsetCheckpointFile(
                dataDir.resolve(LogManager.RECOVERY_CHECKPOINT_FILE), io.tributary.storage.file.FileSync.system()).read())
                .isEqualTo(Map.of(new TopicPartition("orders", 0), 4L));
    }

    @Test
    void topicConfigsApplyToLoadedLogs() throws IOException {
        LogConfig appendTime = LogConfig.defaults().withTimestampType(TimestampType.LOG_APPEND_TIME);
        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            manager.getOrCreate("audit", 0, null, appendTime);
        }

        try (LogManager manager = LogManager.builder(dataDir)
                .topicConfigs(topic -> topic.equals("audit") ? appendTime : null).open()) {
            assertThat(manager.log("audit", 0).orElseThrow().config()).isEqualTo(appendTime);
        }
    }

    @Test
    void strayDirectoriesAreIgnored() throws IOException {
        Files.createDirectories(dataDir.resolve("not a partition"));

        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            assertThat(manager.logs()).isEmpty();
        }
        assertThat(dataDir.resolve("not a partition")).exists();
    }

    @Test
    void newPartitionDefersForcesToFirstFlush() throws Exception {
        RecordingFileSync fileSync = new RecordingFileSync();
        try (LogManager manager = LogManager.builder(dataDir).fileSync(fileSync).open()) {
            int forcesBefore = fileSync.forces.get();
            int dirSyncsBefore = fileSync.syncedDirectories.size();
            Log log = manager.getOrCreate("fresh", 0, UUID.randomUUID(), LogConfig.defaults());
            assertThat(fileSync.forces.get()).isEqualTo(forcesBefore);
            assertThat(fileSync.syncedDirectories).hasSize(dirSyncsBefore);
            assertThat(log.dir().resolve(PartitionMetadataFile.FILE_NAME)).exists();
            assertThat(log.dir().resolve(LeaderEpochCache.FILE_NAME)).exists();

            long end = log.append(Batches.batch(1_000, 1, "a"), AppendOrigin.CLIENT).nextOffset();
            log.awaitDurable(end).get(10, TimeUnit.SECONDS);
            // the segment, partition.metadata and leader-epoch-checkpoint, then both directories
            assertThat(fileSync.forces.get() - forcesBefore).isGreaterThanOrEqualTo(3);
            assertThat(fileSync.syncedDirectories).contains(log.dir().toAbsolutePath(), dataDir.toAbsolutePath());
        }
    }

    @Test
    void emptyPartitionDropsTornFiles() throws IOException {
        Path partitionDir;
        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            partitionDir = manager.getOrCreate("torn", 0, UUID.randomUUID(), LogConfig.defaults()).dir();
        }
        // A crash before the first flush can leave both files empty
        Files.write(partitionDir.resolve(PartitionMetadataFile.FILE_NAME), new byte[0]);
        Files.write(partitionDir.resolve(LeaderEpochCache.FILE_NAME), "0\n".getBytes(StandardCharsets.UTF_8));

        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            Log log = manager.log("torn", 0).orElseThrow();
            assertThat(log.topicId()).isNull();
            assertThat(log.latestEpoch()).isZero();
            assertThat(log.logEndOffset()).isZero();
        }
    }

    @Test
    void malformedTopicIdWithRecordsFailsLoad() throws IOException {
        Path partitionDir;
        try (LogManager manager = LogManager.open(dataDir, LogConfig.defaults())) {
            Log log = manager.getOrCreate("kept", 0, UUID.randomUUID(), LogConfig.defaults());
            log.append(Batches.batch(1_000, 2, "a"), AppendOrigin.CLIENT);
            partitionDir = log.dir();
        }
        Files.write(partitionDir.resolve(PartitionMetadataFile.FILE_NAME), "garbage".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> LogManager.open(dataDir, LogConfig.defaults()).close())
                .hasStackTraceContaining("Malformed");
    }
}
