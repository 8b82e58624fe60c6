package io.tributary.storage;

import io.tributary.storage.record.RecordBatchBuilder;
import io.tributary.storage.record.RecordBatchHeader;
import io.tributary.storage.record.RecordBatchReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogAppendReadTest {

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock(1_700_000_000_000L);
    private LogManager manager;

    @AfterEach
    void closeManager() throws IOException {
        if (manager != null) {
            manager.close();
        }
    }

    private Log open(LogConfig config) throws IOException {
        manager = LogManager.builder(dataDir).clock(clock).defaultConfig(config).open();
        return manager.getOrCreate("orders", 0, UUID.randomUUID(), config);
    }

    private static AppendResult appendDurably(Log log, ByteBuffer batch) {
        AppendResult result = log.append(batch, AppendOrigin.CLIENT);
        assertThat(result.error()).isEqualTo(AppendError.NONE);
        log.awaitDurable(result.nextOffset()).join();
        return result;
    }

    @Test
    void appendAssignsContiguousOffsets() throws IOException {
        Log log = open(LogConfig.defaults());

        AppendResult first = appendDurably(log, Batches.batch(1_000, 3, "a"));
        AppendResult second = appendDurably(log, Batches.batch(2_000, 2, "b"));

        assertThat(first.firstOffset()).isZero();
        assertThat(first.lastOffset()).isEqualTo(2);
        assertThat(second.firstOffset()).isEqualTo(3);
        assertThat(second.lastOffset()).isEqualTo(4);
        assertThat(log.logEndOffset()).isEqualTo(5);
        assertThat(log.highWatermark()).isEqualTo(5);
        assertThat(first.logAppendTime()).isEqualTo(-1);
    }

    @Test
    void appendOfSeveralBatchesAssignsOffsetsToEach() throws IOException {
        Log log = open(LogConfig.defaults());

        AppendResult result = appendDurably(log, RecordBatchBuilder.concat(
                Batches.batch(1_000, 2, "a"), Batches.batch(1_000, 3, "b")));

        assertThat(result.firstOffset()).isZero();
        assertThat(result.lastOffset()).isEqualTo(4);
        List<RecordBatchHeader> headers = Batches.headers(log.read(0, 1 << 20, false));
        assertThat(headers).extracting(RecordBatchHeader::baseOffset).containsExactly(0L, 2L);
    }

    @Test
    void readReturnsStoredRecordsAndLeaderEpoch() throws IOException {
        Log log = open(LogConfig.defaults());
        appendDurably(log, Batches.batch(1_000, 3, "a"));

        List<RecordBatchHeader> headers = Batches.headers(log.read(0, 1 << 20, false));

        assertThat(headers).hasSize(1);
        assertThat(headers.get(0).partitionLeaderEpoch()).isZero();
        assertThat(Batches.values(log, 0)).containsExactly("a-0", "a-1", "a-2");
    }

    @Test
    void appendKeepsCallerBufferUnchanged() throws IOException {
        Log log = open(LogConfig.defaults());
        ByteBuffer batch = Batches.batch(1_000, 1, "a");
        appendDurably(log, Batches.batch(1_000, 1, "x"));
        ByteBuffer before = ByteBuffer.allocate(batch.remaining()).put(batch.duplicate()).flip();

        appendDurably(log, batch);

        assertThat(batch.position()).isZero();
        assertThat(batch).isEqualTo(before);
    }

    @Test
    void fetchFromMiddleOfBatchReturnsWholeBatch() throws IOException {
        Log log = open(LogConfig.defaults());
        appendDurably(log, Batches.batch(1_000, 5, "a"));
        appendDurably(log, Batches.batch(1_000, 5, "b"));

        try (FileSlice slice = log.read(7, 1 << 20, false)) {
            List<ByteBuffer> batches = RecordBatchReader.batches(slice.readAll());
            assertThat(slice.firstBatchBaseOffset()).isEqualTo(5);
            assertThat(batches).hasSize(1);
            assertThat(RecordBatchHeader.parse(batches.get(0), 0).baseOffset()).isEqualTo(5);
        }
    }

    @Test
    void readStopsAtMaxBytesWithWholeBatches() throws IOException {
        Log log = open(LogConfig.defaults());
        int batchSize = Batches.batch(1_000, 2, "a").remaining();
        for (int i = 0; i < 5; i++) {
            appendDurably(log, Batches.batch(1_000, 2, "a"));
        }

        try (FileSlice slice = log.read(0, batchSize * 2 + batchSize / 2, false)) {
            assertThat(slice.size()).isEqualTo(batchSize * 2);
        }
    }

    @Test
    void minOneBatchReturnsOversizedFirstBatch() throws IOException {
        Log log = open(LogConfig.defaults());
        appendDurably(log, Batches.batch(1_000, 10, "large"));
        int size = log.read(0, 1 << 20, false).size();

        FileSlice without = log.read(0, 10, false);
        FileSlice with = log.read(0, 10, true);

        assertThat(without.isEmpty()).isTrue();
        assertThat(with.size()).isEqualTo(size);
        without.close();
        with.close();
    }

    @Test
    void readOutsideLogThrowsOffsetOutOfRange() throws IOException {
        Log log = open(LogConfig.defaults());
        appendDurably(log, Batches.batch(1_000, 3, "a"));

        assertThatThrownBy(() -> log.read(4, 1024, true))
                .isInstanceOf(OffsetOutOfRangeException.class)
                .hasMessageContaining("Offset 4");
        assertThatThrownBy(() -> log.read(-1, 1024, true)).isInstanceOf(OffsetOutOfRangeException.class);
        try (FileSlice atEnd = log.read(3, 1024, true)) {
            assertThat(atEnd.isEmpty()).isTrue();
        }
    }

    @Test
    void corruptInputIsRejected() throws IOException {
        Log log = open(LogConfig.defaults());
        ByteBuffer batch = Batches.batch(1_000, 2, "a");
        ByteBuffer truncated = batch.duplicate().limit(batch.limit() - 1);
        ByteBuffer wrongMagic = ByteBuffer.allocate(batch.remaining()).put(batch.duplicate()).flip();
        wrongMagic.put(RecordBatchHeader.MAGIC_OFFSET, (byte) 1);

        assertThat(log.append(truncated, AppendOrigin.CLIENT).error()).isEqualTo(AppendError.CORRUPT_MESSAGE);
        assertThat(log.append(wrongMagic, AppendOrigin.CLIENT).error()).isEqualTo(AppendError.CORRUPT_MESSAGE);
        assertThat(log.append(ByteBuffer.allocate(0), AppendOrigin.CLIENT).error()).isEqualTo(AppendError.CORRUPT_MESSAGE);
        assertThat(log.logEndOffset()).isZero();
    }

    @Test
    void inconsistentBatchIsRejected() throws IOException {
        Log log = open(LogConfig.defaults());
        ByteBuffer badCrc = Batches.batch(1_000, 2, "a");
        badCrc.put(badCrc.limit() - 1, (byte) (badCrc.get(badCrc.limit() - 1) ^ 1));
        ByteBuffer negativeDelta = Batches.batch(1_000, 2, "a");
        negativeDelta.putInt(RecordBatchHeader.LAST_OFFSET_DELTA_OFFSET, -3);
        negativeDelta.putInt(RecordBatchHeader.CRC_OFFSET,
                (int) RecordBatchHeader.computeCrc(negativeDelta, 0, negativeDelta.remaining()));

        AppendResult crcResult = log.append(badCrc, AppendOrigin.CLIENT);
        AppendResult deltaResult = log.append(negativeDelta, AppendOrigin.CLIENT);

        assertThat(crcResult.error()).isEqualTo(AppendError.CORRUPT_MESSAGE);
        assertThat(crcResult.errorMessage()).contains("CRC");
        assertThat(deltaResult.error()).isEqualTo(AppendError.CORRUPT_MESSAGE);
        assertThat(deltaResult.errorMessage()).contains("lastOffsetDelta -3");
        assertThat(log.logEndOffset()).isZero();
    }

    @Test
    void randomInputNeverCorruptsLog() throws IOException {
        Log log = open(LogConfig.defaults());
        appendDurably(log, Batches.batch(1_000, 2, "kept"));
        java.util.Random random = new java.util.Random(7);

        for (int i = 0; i < 500; i++) {
            ByteBuffer noise = Batches.batch(1_000, 1 + random.nextInt(3), "noise");
            int flips = 1 + random.nextInt(4);
            for (int f = 0; f < flips; f++) {
                int position = random.nextInt(noise.limit());
                noise.put(position, (byte) random.nextInt(256));
            }
            AppendResult result = log.append(noise, AppendOrigin.CLIENT);
            if (result.succeeded()) {
                log.awaitDurable(result.nextOffset()).join();
            }
        }

        // Every stored batch must pass a full validation at the next start
        long end = log.logEndOffset();
        manager.close();
        Files.delete(dataDir.resolve(LogManager.CLEAN_SHUTDOWN_FILE));
        Files.delete(dataDir.resolve(LogManager.RECOVERY_CHECKPOINT_FILE));
        manager = LogManager.builder(dataDir).clock(clock).open();
        assertThat(manager.recoveryStats().bytesTruncated()).isZero();
        assertThat(manager.log("orders", 0).orElseThrow().logEndOffset()).isEqualTo(end);
        assertThat(Batches.values(manager.log("orders", 0).orElseThrow(), 0)).startsWith("kept-0", "kept-1");
    }

    @Test
    void batchLargerThanSegmentIsRejected() throws IOException {
        Log log = open(LogConfig.defaults().withSegmentBytes(LogConfig.MIN_SEGMENT_BYTES));
        RecordBatchBuilder builder = new RecordBatchBuilder();
        builder.add(1_000, new byte[0], new byte[2 * LogConfig.MIN_SEGMENT_BYTES]);

        AppendResult result = log.append(builder.build(), AppendOrigin.CLIENT);

        assertThat(result.error()).isEqualTo(AppendError.RECORD_LIST_TOO_LARGE);
    }

    @Test
    void offsetsStayContiguousAcrossSizeRolls() throws IOException {
        Log log = open(LogConfig.defaults().withSegmentBytes(LogConfig.MIN_SEGMENT_BYTES));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            appendDurably(log, Batches.batch(1_000, 2, "v" + i));
            expected.add("v" + i + "-0");
            expected.add("v" + i + "-1");
        }

        assertThat(log.segmentCount()).isGreaterThan(3);
        assertThat(log.logEndOffset()).isEqualTo(120);
        assertThat(Batches.values(log, 0)).isEqualTo(expected);
        for (long base : log.segmentBaseOffsets()) {
            assertThat(dataDir.resolve("orders-0").resolve(String.format("%020d.log", base))).exists();
        }
    }

    @Test
    void segmentRollsWhenOlderThanSegmentMs() throws IOException {
        Log log = open(LogConfig.defaults().withSegmentMs(60_000).withTimestampType(TimestampType.LOG_APPEND_TIME));
        appendDurably(log, Batches.batch(0, 1, "a"));
        clock.advance(59_999);
        appendDurably(log, Batches.batch(0, 1, "b"));
        assertThat(log.segmentCount()).isEqualTo(1);

        clock.advance(1);
        appendDurably(log, Batches.batch(0, 1, "c"));

        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 2L);
        assertThat(Batches.values(log, 0)).containsExactly("a-0", "b-0", "c-0");
    }

    @Test
    void segmentRollsOnCreateTimeSpanOfBatches() throws IOException {
        Log log = open(LogConfig.defaults().withSegmentMs(1_000));
        appendDurably(log, Batches.batch(10_000, 1, "a"));
        appendDurably(log, Batches.batch(10_500, 1, "b"));
        appendDurably(log, Batches.batch(11_000, 1, "c"));

        assertThat(log.segmentBaseOffsets()).containsExactly(0L, 2L);
    }

    @Test
    void readFindsEveryOffsetThroughSparseIndex() throws IOException {
        Log log = open(LogConfig.defaults().withIndexIntervalBytes(100).withSegmentBytes(8 * 1024));
        for (int i = 0; i < 200; i++) {
            appendDurably(log, Batches.batch(1_000 + i, 1 + i % 3, "v" + i));
        }

        for (long offset = 0; offset < log.logEndOffset(); offset++) {
            try (FileSlice slice = log.read(offset, 1, true)) {
                RecordBatchHeader header = RecordBatchHeader.parse(slice.readAll(), 0);
                assertThat(header.baseOffset()).as("base of batch holding %d", offset).isLessThanOrEqualTo(offset);
                assertThat(header.lastOffset()).as("last of batch holding %d", offset).isGreaterThanOrEqualTo(offset);
            }
        }
        assertThat(dataDir.resolve("orders-0").resolve(String.format("%020d.index", 0))).isNotEmptyFile();
    }

    @Test
    void fullIndexRollsSegment() throws IOException {
        Log log = open(LogConfig.defaults().withIndexIntervalBytes(0).withMaxIndexBytes(LogConfig.MIN_INDEX_BYTES));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ByteBuffer[] batches = new ByteBuffer[4];
            for (int b = 0; b < batches.length; b++) {
                batches[b] = Batches.batch(1_000 + i, 1, "v" + i + "." + b);
                expected.add("v" + i + "." + b + "-0");
            }
            AppendResult result = appendDurably(log, RecordBatchBuilder.concat(batches));
            assertThat(result.error()).isEqualTo(AppendError.NONE);
        }

        assertThat(log.segmentCount()).isGreaterThan(1);
        assertThat(Batches.values(log, 0)).isEqualTo(expected);
    }

    @Test
    void offsetForTimestampFindsFirstRecord() throws IOException {
        Log log = open(LogConfig.defaults().withIndexIntervalBytes(50).withSegmentBytes(4 * 1024));
        for (int i = 0; i < 100; i++) {
            // Batch i contains records with timestamps 10_000 + 10 * i and 10_000 + 10 * i + 1
            appendDurably(log, Batches.batch(10_000 + 10L * i, 2, "v" + i));
        }

        assertThat(log.offsetForTimestamp(0)).contains(new TimestampAndOffset(10_000, 0, 0));
        assertThat(log.offsetForTimestamp(10_001)).contains(new TimestampAndOffset(10_001, 1, 0));
        assertThat(log.offsetForTimestamp(10_502)).contains(new TimestampAndOffset(10_510, 102, 0));
        assertThat(log.offsetForTimestamp(10_991)).contains(new TimestampAndOffset(10_991, 199, 0));
        assertThat(log.offsetForTimestamp(10_992)).isEmpty();
        assertThat(log.maxTimestampAndOffset()).contains(new TimestampAndOffset(10_991, 199, 0));
    }

    @Test
    void logAppendTimeRewritesTimestampWithValidCrc() throws IOException {
        Log log = open(LogConfig.defaults().withTimestampType(TimestampType.LOG_APPEND_TIME));
        ByteBuffer original = Batches.batch(5, 3, "a");

        AppendResult result = appendDurably(log, original);

        try (FileSlice slice = log.read(0, 1 << 20, false)) {
            ByteBuffer stored = slice.readAll();
            RecordBatchHeader header = RecordBatchHeader.parse(stored, 0);
            assertThat(header.isLogAppendTime()).isTrue();
            assertThat(header.maxTimestamp()).isEqualTo(clock.millis());
            assertThat(header.crc()).isEqualTo(RecordBatchHeader.computeCrc(stored, 0, stored.remaining()));
            assertThat(header.baseTimestamp()).isEqualTo(5);
            assertThat(result.logAppendTime()).isEqualTo(clock.millis());
            assertThat(RecordBatchReader.records(stored)).allSatisfy(r -> assertThat(r.timestamp()).isEqualTo(clock.millis()));
            // Bytes after the max timestamp are the producer's
            assertThat(stored.slice(43, stored.remaining() - 43)).isEqualTo(original.slice(43, original.remaining() - 43));
        }
    }

    @Test
    void sliceStaysReadableAfterRollAndDelete() throws IOException {
        Log log = open(LogConfig.defaults().withSegmentBytes(LogConfig.MIN_SEGMENT_BYTES));
        appendDurably(log, Batches.batch(1_000, 2, "kept"));
        FileSlice slice = log.read(0, 1 << 20, false);

        for (int i = 0; i < 40; i++) {
            appendDurably(log, Batches.batch(1_000, 2, "more"));
        }
        manager.delete("orders", 0);

        ByteBuffer bytes = slice.readAll();
        assertThat(RecordBatchReader.records(bytes)).extracting(r -> new String(r.value())).containsExactly("kept-0", "kept-1");
        slice.close();
        assertThat(dataDir.resolve("orders-0")).doesNotExist();
        assertThat(manager.log("orders", 0)).isEmpty();
    }

    @Test
    void leaderEpochCacheAnswersEndOffsets() throws IOException {
        Log log = open(LogConfig.defaults());
        appendDurably(log, Batches.batch(1_000, 4, "a"));

        assertThat(log.endOffsetForEpoch(0)).isEqualTo(new EpochEndOffset(0, 4));
        assertThat(log.endOffsetForEpoch(1)).isEqualTo(EpochEndOffset.UNDEFINED);
        assertThat(dataDir.resolve("orders-0").resolve("leader-epoch-checkpoint")).hasContent("0\n1\n0 0");
    }

    @Test
    void highWatermarkListenerFiresOnAppend() throws IOException {
        Log log = open(LogConfig.defaults());
        List<Long> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        log.addHighWatermarkListener((l, hw) -> seen.add(hw));

        appendDurably(log, Batches.batch(1_000, 2, "a"));

        org.awaitility.Awaitility.await().untilAsserted(() -> assertThat(seen).contains(2L));
    }

    @Test
    void emptyLogHasNoTimestamps() throws IOException {
        Log log = open(LogConfig.defaults());

        assertThat(log.offsetForTimestamp(0)).isEqualTo(Optional.empty());
        assertThat(log.maxTimestampAndOffset()).isEmpty();
    }
}
