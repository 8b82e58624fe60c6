package io.tributary.storage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class GroupCommitTest {

    @TempDir
    Path dataDir;

    private final RecordingFileSync fileSync = new RecordingFileSync();
    private LogManager manager;

    @AfterEach
    void closeManager() throws IOException {
        fileSync.unblock();
        if (manager != null) {
            manager.close();
        }
    }

    private Log open(LogConfig config) throws IOException {
        manager = LogManager.builder(dataDir).fileSync(fileSync).defaultConfig(config).open();
        return manager.getOrCreate("orders", 0, UUID.randomUUID(), config);
    }

    @Test
    void concurrentAppendsShareForces() throws Exception {
        Log log = open(LogConfig.defaults());
        fileSync.delayForces(2);
        int threads = 8;
        int appendsPerThread = 50;
        int forcesBefore = fileSync.forces.get();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int thread = t;
                results.add(pool.submit(() -> {
                    List<Long> offsets = new ArrayList<>();
                    for (int i = 0; i < appendsPerThread; i++) {
                        AppendResult result = log.append(Batches.batch(1_000, 1, "t" + thread + "-" + i),
                                AppendOrigin.CLIENT);
                        log.awaitDurable(result.nextOffset()).get(30, TimeUnit.SECONDS);
                        offsets.add(result.firstOffset());
                    }
                    return offsets;
                }));
            }
            Set<Long> offsets = new HashSet<>();
            for (Future<List<Long>> result : results) {
                offsets.addAll(result.get(60, TimeUnit.SECONDS));
            }

            int appends = threads * appendsPerThread;
            int forces = fileSync.forces.get() - forcesBefore;
            assertThat(offsets).hasSize(appends);
            assertThat(offsets).allSatisfy(offset -> assertThat(offset).isBetween(0L, appends - 1L));
            assertThat(log.highWatermark()).isEqualTo(appends);
            assertThat(forces).as("forces for %d appends", appends).isLessThan(appends / 2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void blockedForceKeepsAwaitDurableIncomplete() throws IOException {
        Log log = open(LogConfig.defaults());
        fileSync.block();

        AppendResult result = log.append(Batches.batch(1_000, 3, "a"), AppendOrigin.CLIENT);
        CompletableFuture<Void> durable = log.awaitDurable(result.nextOffset());
        await().until(() -> fileSync.blockedCalls.get() > 0);

        assertThat(durable).isNotDone();
        assertThat(log.highWatermark()).isZero();
        assertThat(log.logEndOffset()).isEqualTo(3);
        try (FileSlice slice = log.read(0, 1 << 20, true)) {
            assertThat(slice.isEmpty()).isTrue();
        }

        fileSync.unblock();
        durable.join();
        assertThat(log.highWatermark()).isEqualTo(3);
        assertThat(log.durableOffset()).isEqualTo(3);
    }

    @Test
    void appendsDuringForceShareNextForce() throws IOException {
        Log log = open(LogConfig.defaults());
        log.awaitDurable(log.append(Batches.batch(1_000, 1, "first"), AppendOrigin.CLIENT).nextOffset()).join();
        fileSync.block();
        AppendResult blocked = log.append(Batches.batch(1_000, 1, "blocked"), AppendOrigin.CLIENT);
        CompletableFuture<Void> blockedDurable = log.awaitDurable(blocked.nextOffset());
        await().until(() -> fileSync.blockedCalls.get() > 0);

        List<CompletableFuture<Void>> waiting = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            AppendResult result = log.append(Batches.batch(1_000, 1, "queued" + i), AppendOrigin.CLIENT);
            waiting.add(log.awaitDurable(result.nextOffset()));
        }
        int forcesBefore = fileSync.forces.get();
        fileSync.unblock();
        blockedDurable.join();
        CompletableFuture.allOf(waiting.toArray(CompletableFuture[]::new)).join();

        assertThat(fileSync.forces.get() - forcesBefore).isLessThanOrEqualTo(2);
        assertThat(log.highWatermark()).isEqualTo(22);
    }

    @Test
    void newSegmentIsDurableOnlyAfterDirectorySync() throws IOException {
        LogConfig config = LogConfig.defaults().withSegmentBytes(LogConfig.MIN_SEGMENT_BYTES);
        Log log = open(config);
        Path partitionDir = log.dir().toAbsolutePath();
        log.awaitDurable(log.append(Batches.batch(1_000, 1, "a"), AppendOrigin.CLIENT).nextOffset()).join();
        fileSync.syncedDirectories.clear();

        AppendResult result;
        do {
            result = log.append(Batches.batch(1_000, 2, "fill"), AppendOrigin.CLIENT);
        } while (log.segmentCount() < 2);
        List<Path> syncedAtCompletion = new ArrayList<>();
        log.awaitDurable(result.nextOffset()).thenRun(() -> syncedAtCompletion.addAll(fileSync.syncedDirectories)).join();

        assertThat(syncedAtCompletion).contains(partitionDir);
    }

    @Test
    void newPartitionDirectoryIsSyncedInDataDirectory() throws IOException {
        Log log = open(LogConfig.defaults());

        log.awaitDurable(log.append(Batches.batch(1_000, 1, "a"), AppendOrigin.CLIENT).nextOffset()).join();

        assertThat(fileSync.syncedDirectories).contains(dataDir.toAbsolutePath(), log.dir().toAbsolutePath());
    }

    @Test
    void flushMessagesAboveOneAcknowledgesBeforeForce() throws IOException {
        Log log = open(LogConfig.defaults().withFlushMessages(10));
        log.awaitDurable(log.append(Batches.batch(1_000, 1, "v0"), AppendOrigin.CLIENT).nextOffset()).join();
        fileSync.block();

        for (int i = 1; i < 6; i++) {
            log.append(Batches.batch(1_000, 1, "v" + i), AppendOrigin.CLIENT);
        }

        assertThat(log.highWatermark()).isEqualTo(6);
        assertThat(fileSync.blockedCalls.get()).isZero();
        try (FileSlice slice = log.read(0, 1 << 20, true)) {
            assertThat(slice.isEmpty()).isFalse();
        }

        fileSync.unblock();
        for (int i = 6; i < 11; i++) {
            log.append(Batches.batch(1_000, 1, "v" + i), AppendOrigin.CLIENT);
        }
        await().untilAsserted(() -> assertThat(log.durableOffset()).isEqualTo(11));
    }

    @Test
    void flushMsTimerForcesWrittenData() throws IOException {
        Log log = open(LogConfig.defaults().withFlushMessages(Long.MAX_VALUE).withFlushMs(20));

        log.append(Batches.batch(1_000, 3, "a"), AppendOrigin.CLIENT);

        assertThat(log.highWatermark()).isEqualTo(3);
        await().untilAsserted(() -> assertThat(log.durableOffset()).isEqualTo(3));
    }

    @Test
    void failedForceTakesLogOffline() throws IOException {
        Log log = open(LogConfig.defaults());
        fileSync.failWith(new IOException("disk failure"));

        AppendResult result = log.append(Batches.batch(1_000, 1, "a"), AppendOrigin.CLIENT);
        CompletableFuture<Void> durable = log.awaitDurable(result.nextOffset());

        assertThatThrownBy(durable::join).isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(StorageException.class);
        assertThat(log.isOffline()).isTrue();
        assertThat(log.highWatermark()).isZero();
        assertThat(log.append(Batches.batch(1_000, 1, "b"), AppendOrigin.CLIENT).error())
                .isEqualTo(AppendError.KAFKA_STORAGE_ERROR);
        fileSync.failWith(null);
    }
}
