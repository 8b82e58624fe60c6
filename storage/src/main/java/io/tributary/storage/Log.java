package io.tributary.storage;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * One partition's log: an ordered list of segments in {@code <dataDir>/<topic>-<partition>}.
 * Thread-safe; appends from several threads are serialized by the log's lock.
 */
public final class Log {

    private Log() {
    }

    public String topic() {
        throw new UnsupportedOperationException();
    }

    public int partition() {
        throw new UnsupportedOperationException();
    }

    public UUID topicId() {
        throw new UnsupportedOperationException();
    }

    public LogConfig config() {
        throw new UnsupportedOperationException();
    }

    public void updateConfig(LogConfig config) {
        throw new UnsupportedOperationException();
    }

    public AppendResult append(ByteBuffer batches, AppendOrigin origin) {
        throw new UnsupportedOperationException();
    }

    public CompletableFuture<Void> awaitDurable(long endOffset) {
        throw new UnsupportedOperationException();
    }

    public FileSlice read(long fetchOffset, int maxBytes, boolean minOneBatch) {
        throw new UnsupportedOperationException();
    }

    public long logStartOffset() {
        throw new UnsupportedOperationException();
    }

    public long logEndOffset() {
        throw new UnsupportedOperationException();
    }

    public long highWatermark() {
        throw new UnsupportedOperationException();
    }

    public Optional<TimestampAndOffset> offsetForTimestamp(long timestamp) {
        throw new UnsupportedOperationException();
    }

    public Optional<TimestampAndOffset> maxTimestampAndOffset() {
        throw new UnsupportedOperationException();
    }

    public EpochEndOffset endOffsetForEpoch(int leaderEpoch) {
        throw new UnsupportedOperationException();
    }

    public void addHighWatermarkListener(HighWatermarkListener listener) {
        throw new UnsupportedOperationException();
    }

    public void removeHighWatermarkListener(HighWatermarkListener listener) {
        throw new UnsupportedOperationException();
    }
}
