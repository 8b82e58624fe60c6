package io.tributary.storage;

import io.tributary.storage.record.RecordBatchBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ProducerStateTest {

    private static final long PRODUCER = 4_000L;

    @TempDir
    Path dataDir;

    private LogManager manager;

    @AfterEach
    void closeManager() throws IOException {
        if (manager != null) {
            manager.close();
        }
    }

    private Log open(LogConfig config) throws IOException {
        manager = LogManager.open(dataDir, config);
        return manager.getOrCreate("orders", 0, null, config);
    }

    private Log reopen(LogConfig config) throws IOException {
        manager = LogManager.open(dataDir, config);
        return manager.log("orders", 0).orElseThrow();
    }

    private static AppendResult append(Log log, ByteBuffer batch) {
        return log.append(batch, AppendOrigin.CLIENT);
    }

    @Test
    void duplicateOfRecentBatchReturnsOriginalOffsets() throws IOException {
        Log log = open(LogConfig.defaults());
        append(log, Batches.batch(1_000, 2, "plain"));
        AppendResult first = append(log, Batches.idempotent(PRODUCER, (short) 0, 0, 3));
        append(log, Batches.idempotent(PRODUCER, (short) 0, 3, 2));

        AppendResult retry = append(log, Batches.idempotent(PRODUCER, (short) 0, 0, 3));

        assertThat(retry.error()).isEqualTo(AppendError.NONE);
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.firstOffset()).isEqualTo(first.firstOffset());
        assertThat(retry.lastOffset()).isEqualTo(first.lastOffset());
        assertThat(log.logEndOffset()).isEqualTo(7);
    }

    @Test
    void staleBatchIsOutOfOrder() throws IOException {
        Log log = open(LogConfig.defaults());
        for (int i = 0; i < 6; i++) {
            assertThat(append(log, Batches.idempotent(PRODUCER, (short) 0, i, 1)).error()).isEqualTo(AppendError.NONE);
        }

        AppendResult stale = append(log, Batches.idempotent(PRODUCER, (short) 0, 0, 1));
        AppendResult recent = append(log, Batches.idempotent(PRODUCER, (short) 0, 1, 1));

        assertThat(stale.error()).isEqualTo(AppendError.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(recent.duplicate()).isTrue();
    }

    @Test
    void sequenceGapIsOutOfOrder() throws IOException {
        Log log = open(LogConfig.defaults());
        append(log, Batches.idempotent(PRODUCER, (short) 0, 0, 2));

        AppendResult gap = append(log, Batches.idempotent(PRODUCER, (short) 0, 3, 1));

        assertThat(gap.error()).isEqualTo(AppendError.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(gap.errorMessage()).contains("sequence 3", "last written sequence is 1");
        assertThat(log.logEndOffset()).isEqualTo(2);
    }

    @Test
    void olderEpochIsRejected() throws IOException {
        Log log = open(LogConfig.defaults());
        append(log, Batches.idempotent(PRODUCER, (short) 1, 0, 1));

        AppendResult old = append(log, Batches.idempotent(PRODUCER, (short) 0, 1, 1));

        assertThat(old.error()).isEqualTo(AppendError.INVALID_PRODUCER_EPOCH);
    }

    @Test
    void newEpochMustStartAtSequenceZero() throws IOException {
        Log log = open(LogConfig.defaults());
        append(log, Batches.idempotent(PRODUCER, (short) 0, 0, 5));

        AppendResult wrongStart = append(log, Batches.idempotent(PRODUCER, (short) 1, 5, 1));
        AppendResult zeroStart = append(log, Batches.idempotent(PRODUCER, (short) 1, 0, 1));

        assertThat(wrongStart.error()).isEqualTo(AppendError.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(zeroStart.error()).isEqualTo(AppendError.NONE);
        assertThat(zeroStart.duplicate()).isFalse();
    }

    @Test
    void unknownProducerAcceptsAnySequence() throws IOException {
        Log log = open(LogConfig.defaults());

        AppendResult first = append(log, Batches.idempotent(PRODUCER, (short) 3, 17, 2));

        assertThat(first.error()).isEqualTo(AppendError.NONE);
        assertThat(append(log, Batches.idempotent(PRODUCER, (short) 3, 19, 1)).error()).isEqualTo(AppendError.NONE);
    }

    @Test
    void sequenceWrapsAfterIntMax() throws IOException {
        Log log = open(LogConfig.defaults());
        append(log, Batches.idempotent(PRODUCER, (short) 0, Integer.MAX_VALUE - 1, 2));

        AppendResult wrapped = append(log, Batches.idempotent(PRODUCER, (short) 0, 0, 1));
        AppendResult crossing = append(log, Batches.idempotent(7L, (short) 0, Integer.MAX_VALUE, 3));
        AppendResult afterCrossing = append(log, Batches.idempotent(7L, (short) 0, 2, 1));

        assertThat(wrapped.error()).isEqualTo(AppendError.NONE);
        assertThat(crossing.error()).isEqualTo(AppendError.NONE);
        assertThat(afterCrossing.error()).isEqualTo(AppendError.NONE);
    }

    @Test
    void coordinatorAppendsSkipSequenceChecks() throws IOException {
        Log log = open(LogConfig.defaults());
        log.append(Batches.idempotent(PRODUCER, (short) 0, 0, 1), AppendOrigin.COORDINATOR);

        AppendResult gap = log.append(Batches.idempotent(PRODUCER, (short) 0, 9, 1), AppendOrigin.COORDINATOR);

        assertThat(gap.error()).isEqualTo(AppendError.NONE);
    }

    @Test
    void batchesOfOneAppendAreCheckedInOrder() throws IOException {
        Log log = open(LogConfig.defaults());

        AppendResult ordered = append(log, RecordBatchBuilder.concat(
                Batches.idempotent(PRODUCER, (short) 0, 0, 2), Batches.idempotent(PRODUCER, (short) 0, 2, 2)));
        AppendResult gap = append(log, RecordBatchBuilder.concat(
                Batches.idempotent(PRODUCER, (short) 0, 4, 1), Batches.idempotent(PRODUCER, (short) 0, 6, 1)));

        assertThat(ordered.error()).isEqualTo(AppendError.NONE);
        assertThat(gap.error()).isEqualTo(AppendError.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(log.logEndOffset()).isEqualTo(4);
        assertThat(append(log, Batches.idempotent(PRODUCER, (short) 0, 4, 1)).error()).isEqualTo(AppendError.NONE);
    }

    @Test
    void stateSurvivesCleanRestartThroughSnapshot() throws IOException {
        Log log = open(LogConfig.defaults());
        append(log, Batches.idempotent(PRODUCER, (short) 0, 0, 3));
        manager.close();
        assertThat(snapshotFiles()).isNotEmpty();

        Log reopened = reopen(LogConfig.defaults());

        assertThat(append(reopened, Batches.idempotent(PRODUCER, (short) 0, 0, 3)).duplicate()).isTrue();
        assertThat(append(reopened, Batches.idempotent(PRODUCER, (short) 0, 4, 1)).error())
                .isEqualTo(AppendError.OUT_OF_ORDER_SEQUENCE_NUMBER);
        assertThat(append(reopened, Batches.idempotent(PRODUCER, (short) 0, 3, 1)).error()).isEqualTo(AppendError.NONE);
    }

    @Test
    void stateSurvivesRestartWithoutSnapshot() throws IOException {
        Log log = open(LogConfig.defaults());
        append(log, Batches.idempotent(PRODUCER, (short) 2, 0, 3));
        append(log, Batches.idempotent(PRODUCER, (short) 2, 3, 3));
        manager.close();
        for (Path snapshot : snapshotFiles()) {
            Files.delete(snapshot);
        }
        Files.delete(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE));

        Log reopened = reopen(LogConfig.defaults());

        AppendResult retry = append(reopened, Batches.idempotent(PRODUCER, (short) 2, 3, 3));
        assertThat(retry.duplicate()).isTrue();
        assertThat(retry.firstOffset()).isEqualTo(3);
        assertThat(append(reopened, Batches.idempotent(PRODUCER, (short) 1, 6, 1)).error())
                .isEqualTo(AppendError.INVALID_PRODUCER_EPOCH);
    }

    @Test
    void corruptSnapshotFallsBackToLogReplay() throws IOException {
        Log log = open(LogConfig.defaults());
        append(log, Batches.idempotent(PRODUCER, (short) 0, 0, 3));
        manager.close();
        List<Path> snapshots = snapshotFiles();
        assertThat(snapshots).hasSize(1);
        byte[] bytes = Files.readAllBytes(snapshots.get(0));
        bytes[bytes.length - 1] ^= 0x7F;
        Files.write(snapshots.get(0), bytes);

        Log reopened = reopen(LogConfig.defaults());

        assertThat(append(reopened, Batches.idempotent(PRODUCER, (short) 0, 0, 3)).duplicate()).isTrue();
        assertThat(snapshots.get(0)).doesNotExist();
    }

    @Test
    void rollTakesSnapshotAtNewBaseOffset() throws IOException {
        LogConfig config = LogConfig.defaults().withSegmentBytes(LogConfig.MIN_SEGMENT_BYTES);
        Log log = open(config);
        int sequence = 0;
        while (log.segmentCount() < 2) {
            append(log, Batches.idempotent(PRODUCER, (short) 0, sequence, 2));
            sequence += 2;
        }

        long base = log.segmentBaseOffsets().get(1);
        assertThat(log.dir().resolve(String.format("%020d.snapshot", base))).exists();
    }

    private List<Path> snapshotFiles() throws IOException {
        try (Stream<Path> files = Files.list(dataDir.resolve("orders-0"))) {
            return files.filter(p -> p.toString().endsWith(".snapshot")).toList();
        }
    }
}
