package io.tributary.storage;

import io.tributary.storage.epoch.LeaderEpochCache;
import io.tributary.storage.file.FileSync;
import io.tributary.storage.file.PartitionMetadataFile;
import io.tributary.storage.producer.ProducerStateManager;
import io.tributary.storage.producer.ProducerStateManager.CheckResult;
import io.tributary.storage.producer.ProducerStateManager.ProducerAppend;
import io.tributary.storage.record.RecordBatchHeader;
import io.tributary.storage.record.RecordBatchReader;
import io.tributary.storage.segment.LogSegment;
import io.tributary.storage.segment.LogSegment.BatchLocation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.zip.CRC32C;

/**
 * One partition's log: segments in {@code <dataDir>/<topic>-<partition>} holding record batches
 * with contiguous offsets.
 *
 * <p>Thread-safety: all methods are thread-safe. Appends are serialized by one lock; reads and the
 * offset accessors take no lock. Forces run on the executor given by {@link LogManager} and never
 * under the append lock, so appends continue while a force runs, and one force covers every batch
 * written before it started (group commit).
 *
 * <p>High watermark: with {@code flush.messages=1} and no {@code flush.ms} timer it is the offset
 * below which every batch was forced; otherwise it is the log end offset right after each write.
 * Reads never return batches at or above it.
 *
 * <p>Log start offset: the first offset that reads return. It starts at the first segment's base
 * offset and moves up only through {@link #maybeIncrementLogStartOffset}, never above the high
 * watermark. The first segment may hold batches below it.
 */
public final class Log {

    private static final Logger LOG = LoggerFactory.getLogger(Log.class);

    private final TopicPartition topicPartition;
    private volatile UUID topicId;
    private final String logPrefix;
    private final FileSync fileSync;
    private final Clock clock;
    private final ScheduledExecutorService executor;
    private final ProducerStateManager producerState;
    private final LeaderEpochCache epochCache;
    private final LogFlusher flusher;
    private final ReentrantLock lock = new ReentrantLock();
    /** Serializes log start offset changes with each other and with close and delete; taken before {@link #lock}. */
    private final ReentrantLock startOffsetLock = new ReentrantLock();
    private final LogStartOffsetCheckpoint startOffsetCheckpoint;
    private final ConcurrentSkipListMap<Long, LogSegment> segments = new ConcurrentSkipListMap<>();
    private final List<HighWatermarkListener> listeners = new CopyOnWriteArrayList<>();

    private volatile Path dir;
    private volatile LogConfig config;
    private volatile long logStartOffset;
    private volatile long logEndOffset;
    private volatile long highWatermark;
    private volatile StorageException offlineCause;
    private volatile boolean closed;
    private ScheduledFuture<?> flushTimer;

    Log(Path dir, TopicPartition topicPartition, UUID topicId, LogConfig config, LogLoader.LoadedLog loaded,
        boolean newDirectory, LogStartOffsetCheckpoint startOffsetCheckpoint, FileSync fileSync, Clock clock,
        ScheduledExecutorService executor) throws IOException {
        this.dir = dir;
        this.topicPartition = topicPartition;
        this.topicId = topicId;
        this.config = config;
        this.logPrefix = "[Log " + topicPartition + "]";
        this.fileSync = fileSync;
        this.clock = clock;
        this.executor = executor;
        this.startOffsetCheckpoint = startOffsetCheckpoint;
        this.producerState = loaded.producerState();
        this.epochCache = loaded.epochCache();
        for (LogSegment segment : loaded.segments()) {
            segments.put(segment.baseOffset(), segment);
        }
        this.logStartOffset = loaded.logStartOffset();
        this.logEndOffset = loaded.logEndOffset();
        // The loader forced every segment it recovered, and the others were durable already.
        this.flusher = new LogFlusher(this, logEndOffset, newDirectory);
        this.highWatermark = logEndOffset;

        // A single node leads every partition in epoch 0 from its first offset.
        // A new directory's files are forced by its first flush, not one by one here.
        if (epochCache.latestEpoch() < 0) {
            if (newDirectory) {
                epochCache.assignFirstUnsynced(0, logStartOffset);
            } else {
                epochCache.assign(0, logStartOffset);
            }
        }
        scheduleFlushTimer();
    }

    public TopicPartition topicPartition() {
        return topicPartition;
    }

    public String topic() {
        return topicPartition.topic();
    }

    public int partition() {
        return topicPartition.partition();
    }

    /** Returns the topic id stored in {@code partition.metadata}, or null if the directory has none. */
    public UUID topicId() {
        return topicId;
    }

    /**
     * Gives a log without a topic id on disk the id that the broker's metadata has for its partition, and
     * writes {@code partition.metadata} durably. A log that has an id keeps it.
     *
     * @throws IllegalStateException if the log has a different topic id
     * @throws IOException           if the file cannot be written; the log then keeps no id
     */
    public synchronized void assignTopicId(UUID id) throws IOException {
        UUID current = topicId;
        if (current != null) {
            if (!current.equals(id)) {
                throw new IllegalStateException(logPrefix + " has topic id " + current + ", not " + id);
            }
            return;
        }
        new PartitionMetadataFile(dir, fileSync).write(id);
        topicId = id;
    }

    public Path dir() {
        return dir;
    }

    public LogConfig config() {
        return config;
    }

    /** Applies a new configuration; it governs the next append, roll and flush. */
    public void updateConfig(LogConfig newConfig) {
        lock.lock();
        try {
            LogConfig old = this.config;
            this.config = newConfig;
            if (old.flushMs() != newConfig.flushMs()) {
                scheduleFlushTimer();
            }
        } finally {
            lock.unlock();
        }
        LOG.info("{} Configuration updated to {}", logPrefix, newConfig);
    }

    /**
     * Appends one or more record batches (format v2, already validated by the protocol layer).
     *
     * <p>The batches are copied; the caller keeps ownership of {@code batches} and its position is
     * not changed. Storage assigns contiguous offsets from the log end offset, writes the current
     * leader epoch into each batch and, for topics with {@code LogAppendTime}, sets attribute bit 3
     * and the max timestamp to the current time and recomputes the CRC32C. Every other byte is
     * stored unchanged.
     *
     * <p>The result is returned after the write to the page cache. With {@code flush.messages=1}
     * the caller waits on {@link #awaitDurable(long)} with {@link AppendResult#nextOffset()} before
     * acknowledging.
     *
     * @return the assigned offsets; a duplicate of one of the producer's last five batches returns
     *         the original offsets with {@code duplicate=true}; errors are
     *         {@link AppendError#CORRUPT_MESSAGE}, {@link AppendError#RECORD_LIST_TOO_LARGE},
     *         {@link AppendError#INVALID_PRODUCER_EPOCH},
     *         {@link AppendError#OUT_OF_ORDER_SEQUENCE_NUMBER} and {@link AppendError#KAFKA_STORAGE_ERROR}
     */
    public AppendResult append(ByteBuffer batches, AppendOrigin origin) {
        ByteBuffer copy = ByteBuffer.allocate(batches.remaining());
        copy.put(batches.duplicate()).flip();
        List<ByteBuffer> slices;
        try {
            slices = RecordBatchReader.batches(copy);
        } catch (IllegalArgumentException e) {
            return AppendResult.rejected(AppendError.CORRUPT_MESSAGE, e.getMessage(), logStartOffset);
        }
        if (slices.isEmpty()) {
            return AppendResult.rejected(AppendError.CORRUPT_MESSAGE, "Invalid append: no record batch in the input",
                    logStartOffset);
        }
        String invalid = checkBatches(copy, slices);
        if (invalid != null) {
            return AppendResult.rejected(AppendError.CORRUPT_MESSAGE, invalid, logStartOffset);
        }
        LogConfig currentConfig = config;
        if (copy.remaining() > currentConfig.segmentBytes()) {
            return AppendResult.rejected(AppendError.RECORD_LIST_TOO_LARGE, "The batches take " + copy.remaining()
                    + " bytes, more than segment.bytes=" + currentConfig.segmentBytes(), logStartOffset);
        }

        AppendResult result;
        boolean highWatermarkMoved = false;
        lock.lock();
        try {
            if (closed || offlineCause != null) {
                return AppendResult.rejected(AppendError.KAFKA_STORAGE_ERROR, logPrefix + " is "
                        + (closed ? "closed" : "offline after " + offlineCause.getMessage()), logStartOffset);
            }

            // Check producer state
            ProducerAppend producerAppend = producerState.begin(origin);
            for (ByteBuffer slice : slices) {
                CheckResult check = producerAppend.check(RecordBatchHeader.parse(slice, 0));
                if (check.duplicate() != null) {
                    return AppendResult.duplicateOf(check.duplicate().firstOffset(), check.duplicate().lastOffset(),
                            logStartOffset);
                }
                if (check.error() != AppendError.NONE) {
                    return AppendResult.rejected(check.error(), check.message(), logStartOffset);
                }
            }

            // Assign offsets
            long now = clock.millis();
            boolean logAppendTime = currentConfig.timestampType() == TimestampType.LOG_APPEND_TIME;
            int epoch = Math.max(epochCache.latestEpoch(), 0);
            long nextOffset = logEndOffset;
            long maxTimestamp = -1;
            List<RecordBatchHeader> headers = new ArrayList<>(slices.size());
            int position = copy.position();
            for (ByteBuffer slice : slices) {
                RecordBatchHeader header = stampBatch(copy, position, nextOffset, epoch, logAppendTime ? now : -1);
                headers.add(header);
                producerAppend.record(header);
                nextOffset = header.nextOffset();
                position += slice.remaining();
                maxTimestamp = Math.max(maxTimestamp, header.maxTimestamp());
            }

            // Write
            LogSegment active = maybeRoll(copy.remaining(), maxTimestamp, nextOffset - 1, now, currentConfig);
            active.append(copy, headers);
            producerAppend.commit();
            long firstOffset = logEndOffset;
            long messages = nextOffset - firstOffset;
            logEndOffset = nextOffset;
            if (currentConfig.syncEveryAppend()) {
                flusher.requestFlush();
            } else {
                highWatermark = nextOffset;
                highWatermarkMoved = true;
                flusher.onUnflushedMessages(messages, currentConfig.flushMessages());
            }
            result = AppendResult.appended(firstOffset, nextOffset - 1, logAppendTime ? now : -1, logStartOffset);
        } catch (IOException | RuntimeException e) {
            // A partial write leaves the segment inconsistent, so the log stops until recovery at restart.
            markOffline(new StorageException(logPrefix + " Failed to append at offset " + logEndOffset, e));
            return AppendResult.rejected(AppendError.KAFKA_STORAGE_ERROR, offlineCause.getMessage(), logStartOffset);
        } finally {
            lock.unlock();
        }
        if (highWatermarkMoved) {
            fireHighWatermark();
        }
        return result;
    }

    /**
     * Returns why a batch must not be stored, or null if all are fine. The protocol layer validated
     * them already, but a batch stored with a bad CRC or a negative offset delta would make recovery
     * truncate it and everything after it, so storage checks again. {@code slices} are the batches of
     * {@code batches} in order from its position.
     */
    private static String checkBatches(ByteBuffer batches, List<ByteBuffer> slices) {
        int position = batches.position();
        for (int i = 0; i < slices.size(); i++) {
            ByteBuffer slice = slices.get(i);
            RecordBatchHeader header = RecordBatchHeader.parse(slice, 0);
            if (header.lastOffsetDelta() < 0) {
                return "Invalid lastOffsetDelta " + header.lastOffsetDelta() + " in batch " + i + " of the append";
            }
            // The CRC is computed over the writable buffer, because CRC32C copies a read-only
            // slice, whose array it cannot reach, into temporary arrays.
            long crc = RecordBatchHeader.computeCrc(batches, position, slice.remaining());
            position += slice.remaining();
            if (crc != header.crc()) {
                return "Invalid CRC in batch " + i + " of the append: stored " + header.crc() + ", computed " + crc;
            }
        }
        return null;
    }

    /**
     * Writes the base offset and leader epoch into the batch at {@code position} and, if
     * {@code logAppendTime >= 0}, the LogAppendTime attribute, max timestamp and a new CRC32C.
     */
    private static RecordBatchHeader stampBatch(ByteBuffer buffer, int position, long baseOffset, int epoch,
                                                long logAppendTime) {
        buffer.putLong(position + RecordBatchHeader.BASE_OFFSET_OFFSET, baseOffset);
        buffer.putInt(position + RecordBatchHeader.PARTITION_LEADER_EPOCH_OFFSET, epoch);
        if (logAppendTime >= 0) {
            short attributes = buffer.getShort(position + RecordBatchHeader.ATTRIBUTES_OFFSET);
            buffer.putShort(position + RecordBatchHeader.ATTRIBUTES_OFFSET,
                    (short) (attributes | RecordBatchHeader.TIMESTAMP_TYPE_MASK));
            buffer.putLong(position + RecordBatchHeader.MAX_TIMESTAMP_OFFSET, logAppendTime);
            int size = buffer.getInt(position + RecordBatchHeader.LENGTH_OFFSET) + RecordBatchHeader.LOG_OVERHEAD;
            CRC32C crc = new CRC32C();
            ByteBuffer range = buffer.duplicate();
            range.limit(position + size).position(position + RecordBatchHeader.ATTRIBUTES_OFFSET);
            crc.update(range);
            buffer.putInt(position + RecordBatchHeader.CRC_OFFSET, (int) crc.getValue());
        }
        return RecordBatchHeader.parse(buffer, position);
    }

    /** Rolls to a new segment if the active one is full by size, age, index space or offset range. */
    private LogSegment maybeRoll(int appendBytes, long maxTimestamp, long lastOffset, long now, LogConfig currentConfig)
            throws IOException {
        LogSegment active = segments.lastEntry().getValue();
        if (active.isEmpty()) {
            return active;
        }
        long waited = active.firstBatchTimestamp() >= 0 ? maxTimestamp - active.firstBatchTimestamp()
                : now - active.createdMs();
        String reason = null;
        if ((long) active.size() + appendBytes > currentConfig.segmentBytes()) {
            reason = "size " + active.size() + " + " + appendBytes + " exceeds segment.bytes";
        } else if (waited >= currentConfig.segmentMs()) {
            reason = "age " + waited + " ms reached segment.ms";
        } else if (active.indexFull()) {
            reason = "an index is full";
        } else if (lastOffset - active.baseOffset() > Integer.MAX_VALUE) {
            reason = "relative offsets would overflow";
        }
        if (reason == null) {
            return active;
        }
        return roll(reason, now, currentConfig);
    }

    private LogSegment roll(String reason, long now, LogConfig currentConfig) throws IOException {
        LogSegment previous = segments.lastEntry().getValue();
        previous.onBecomeInactive();
        long baseOffset = logEndOffset;
        LogSegment segment = LogSegment.create(dir, baseOffset, currentConfig.indexIntervalBytes(),
                currentConfig.maxIndexBytes(), now);
        segments.put(baseOffset, segment);
        flusher.onRoll(previous);
        producerState.takeSnapshot(baseOffset);
        LOG.info("{} Rolled new segment at offset {} because {}", logPrefix, baseOffset, reason);
        return segment;
    }

    /**
     * Returns a future completed once every batch below {@code endOffset} and every file and
     * directory entry the appends created are forced to the disk. Requests a force if none is
     * running. The future fails with {@link StorageException} if a force fails or the log is
     * deleted first. It may complete on a flusher thread, so dependent stages should be quick or
     * use an async variant.
     */
    public CompletableFuture<Void> awaitDurable(long endOffset) {
        return flusher.awaitDurable(endOffset);
    }

    /**
     * Raises the log start offset to {@code newLogStartOffset}, which deletes the records below it
     * (Kafka's DeleteRecords). The new offset is first written to the log start offset checkpoint and
     * forced, so it survives a crash once this method returns. Then reads below it fail with
     * {@link OffsetOutOfRangeException}, and each segment that lies wholly below it leaves the log and
     * is deleted once no open slice reads it. The active segment always stays. An offset at or below
     * the current log start offset changes nothing.
     *
     * <p>Changes of one log's start offset are serialized; appends and reads continue meanwhile.
     *
     * @return the log start offset after the call
     * @throws OffsetOutOfRangeException if {@code newLogStartOffset} is negative or above the high watermark
     * @throws StorageException          if the log is closed, deleted or offline, or the checkpoint
     *                                   cannot be written; the log start offset is then unchanged
     */
    public long maybeIncrementLogStartOffset(long newLogStartOffset) {
        startOffsetLock.lock();
        try {
            if (closed || offlineCause != null) {
                throw new StorageException(logPrefix + " Cannot delete records: the log is "
                        + (closed ? "closed" : "offline after " + offlineCause.getMessage()));
            }
            long hw = highWatermark;
            if (newLogStartOffset < 0 || newLogStartOffset > hw) {
                throw OffsetOutOfRangeException.forNewLogStartOffset(topicPartition.toString(), newLogStartOffset,
                        logStartOffset, logEndOffset, hw);
            }
            long previous = logStartOffset;
            if (newLogStartOffset <= previous) {
                return previous;
            }
            try {
                startOffsetCheckpoint.persist(topicPartition, newLogStartOffset);
            } catch (IOException e) {
                throw new StorageException(logPrefix + " Failed to write the log start offset " + newLogStartOffset
                        + " to the checkpoint", e);
            }
            logStartOffset = newLogStartOffset;
            int deleted = deleteSegmentsBelowStart();
            LOG.info("{} Raised the log start offset from {} to {} and deleted {} segments", logPrefix, previous,
                    newLogStartOffset, deleted);
            return newLogStartOffset;
        } finally {
            startOffsetLock.unlock();
        }
    }

    /**
     * Removes the segments whose successor starts at or below the log start offset. Each one's files
     * are deleted when its last reader releases it. Returns the number removed.
     */
    private int deleteSegmentsBelowStart() {
        int deleted = 0;
        while (true) {
            Map.Entry<Long, LogSegment> first = segments.firstEntry();
            Long next = segments.higherKey(first.getKey());
            if (next == null || next > logStartOffset) {
                return deleted;
            }
            segments.remove(first.getKey());
            LogSegment segment = first.getValue();
            segment.markForDeletion(dir);
            try {
                segment.release();
            } catch (StorageException e) {
                // The log start offset is durable, so the next start deletes the files again.
                LOG.warn("{} Failed to delete segment {} below the log start offset: {}", logPrefix,
                        segment.baseOffset(), e.getMessage(), e.getCause());
            }
            deleted++;
        }
    }

    /**
     * Reads whole batches starting with the batch that contains {@code fetchOffset}, from that
     * batch's segment only, up to {@code maxBytes} and below the high watermark. If the first batch
     * alone exceeds {@code maxBytes}, it is returned when {@code minOneBatch} is true and an empty
     * slice otherwise. An offset between the high watermark and the log end offset gives an empty
     * slice. The caller must close the returned slice.
     *
     * @throws OffsetOutOfRangeException if {@code fetchOffset} is below the log start offset or
     *                                   above the log end offset
     * @throws StorageException          if the log is closed or a read fails
     */
    public FileSlice read(long fetchOffset, int maxBytes, boolean minOneBatch) {
        long hw = highWatermark;
        long start = logStartOffset;
        long end = logEndOffset;
        if (fetchOffset < start || fetchOffset > end) {
            throw new OffsetOutOfRangeException(topicPartition.toString(), fetchOffset, start, end);
        }
        if (fetchOffset >= hw) {
            return FileSlice.empty(fetchOffset, hw);
        }
        Map.Entry<Long, LogSegment> entry = segments.floorEntry(fetchOffset);
        if (entry == null) {
            throw segmentGone(fetchOffset, fetchOffset);
        }
        while (entry != null) {
            LogSegment segment = entry.getValue();
            if (!segment.retain()) {
                throw segmentGone(fetchOffset, segment.baseOffset());
            }
            boolean keep = false;
            try {
                FileSlice slice = readFromSegment(segment, fetchOffset, maxBytes, minOneBatch, hw);
                if (slice != null) {
                    keep = !slice.isEmpty();
                    return slice;
                }
            } catch (IOException e) {
                throw new StorageException(logPrefix + " Failed to read offset " + fetchOffset, e);
            } finally {
                if (!keep) {
                    segment.release();
                }
            }
            entry = segments.higherEntry(entry.getKey());
        }
        return FileSlice.empty(fetchOffset, hw);
    }

    /**
     * Returns the error for a read whose segment was deleted or closed after the range check: out of
     * range if the log start offset moved past the fetch offset meanwhile, a storage error otherwise.
     */
    private RuntimeException segmentGone(long fetchOffset, long baseOffset) {
        long start = logStartOffset;
        if (fetchOffset < start) {
            return new OffsetOutOfRangeException(topicPartition.toString(), fetchOffset, start, logEndOffset);
        }
        return new StorageException(logPrefix + " No open segment at offset " + baseOffset + " for a read at offset "
                + fetchOffset);
    }

    /** Returns a slice, an empty slice if the first batch does not fit, or null if the segment lacks the offset. */
    private FileSlice readFromSegment(LogSegment segment, long fetchOffset, int maxBytes, boolean minOneBatch, long hw)
            throws IOException {
        int limit = segment.size();
        BatchLocation first = segment.locate(fetchOffset, limit);
        if (first == null) {
            return null;
        }
        int total = segment.wholeBatchBytes(first.position(), limit, hw, maxBytes, minOneBatch);
        if (total == 0) {
            return FileSlice.empty(fetchOffset, hw);
        }
        return new FileSlice(segment.channel(), first.position(), total, first.header().baseOffset(), hw,
                segment::release);
    }

    /**
     * Returns the first record whose timestamp is at least {@code timestamp} from the log start
     * offset to the high watermark, found through the time index, or empty if every record is older.
     *
     * @throws StorageException if a read fails
     */
    public Optional<TimestampAndOffset> offsetForTimestamp(long timestamp) {
        long start = logStartOffset;
        long hw = highWatermark;
        for (LogSegment segment : segments.values()) {
            if (segment.baseOffset() >= hw) {
                break;
            }
            if (segment.maxTimestamp() < timestamp || !segment.retain()) {
                continue;
            }
            try {
                Optional<TimestampAndOffset> found = segment.findOffsetByTimestamp(timestamp, segment.size(), start,
                        hw);
                if (found.isPresent()) {
                    return found;
                }
            } catch (IOException e) {
                throw new StorageException(logPrefix + " Failed to look up timestamp " + timestamp, e);
            } finally {
                segment.release();
            }
        }
        return Optional.empty();
    }

    /** Returns the first record carrying the largest timestamp below the high watermark, or empty if none. */
    public Optional<TimestampAndOffset> maxTimestampAndOffset() {
        long hw = highWatermark;
        long max = -1;
        for (LogSegment segment : segments.values()) {
            if (segment.baseOffset() < hw) {
                max = Math.max(max, segment.maxTimestamp());
            }
        }
        return max < 0 ? Optional.empty() : offsetForTimestamp(max);
    }

    /** Returns the end offset of a leader epoch from the leader epoch cache. */
    public EpochEndOffset endOffsetForEpoch(int leaderEpoch) {
        return epochCache.endOffsetFor(leaderEpoch, logEndOffset);
    }

    /** Returns the latest leader epoch, which appends write into their batches. */
    public int latestEpoch() {
        return epochCache.latestEpoch();
    }

    /** Returns the first offset that reads return; offsets below it were deleted. */
    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }

    public long highWatermark() {
        return highWatermark;
    }

    /** Returns the offset below which every batch is forced to the disk. */
    public long durableOffset() {
        return flusher.durableOffset();
    }

    /** Returns the number of segments. */
    public int segmentCount() {
        return segments.size();
    }

    /** Returns the base offsets of the segments in increasing order. */
    public List<Long> segmentBaseOffsets() {
        return List.copyOf(segments.keySet());
    }

    /** Returns the idempotent producer state; callers must not modify it. */
    ProducerStateManager producerState() {
        return producerState;
    }

    /** Registers a listener fired after every move of the high watermark. */
    public void addHighWatermarkListener(HighWatermarkListener listener) {
        listeners.add(listener);
    }

    public void removeHighWatermarkListener(HighWatermarkListener listener) {
        listeners.remove(listener);
    }

    /** Returns true once a write or force failed; the log then rejects appends. */
    public boolean isOffline() {
        return offlineCause != null;
    }

    @Override
    public String toString() {
        return "Log(" + topicPartition + ", logEndOffset=" + logEndOffset + ", highWatermark=" + highWatermark + ")";
    }

    // Hooks for the flusher and the manager

    String logPrefix() {
        return logPrefix;
    }

    FileSync fileSync() {
        return fileSync;
    }

    ScheduledExecutorService executor() {
        return executor;
    }

    ReentrantLock lock() {
        return lock;
    }

    LogSegment activeSegment() {
        return segments.lastEntry().getValue();
    }

    /** Moves the high watermark to {@code durable} in sync mode; returns true if it moved. */
    boolean onDurable(long durable) {
        if (config.syncEveryAppend() && durable > highWatermark) {
            highWatermark = durable;
            return true;
        }
        return false;
    }

    void fireHighWatermark() {
        long hw = highWatermark;
        for (HighWatermarkListener listener : listeners) {
            try {
                listener.onHighWatermark(this, hw);
            } catch (RuntimeException e) {
                LOG.error("{} High watermark listener failed at {}", logPrefix, hw, e);
            }
        }
    }

    void markOffline(StorageException cause) {
        if (offlineCause == null) {
            offlineCause = cause;
            LOG.error("{} Taking the log offline: {}", logPrefix, cause.getMessage(), cause.getCause());
        }
        flusher.failWaiters(cause);
    }

    StorageException offlineCause() {
        return offlineCause;
    }

    private void scheduleFlushTimer() {
        if (flushTimer != null) {
            flushTimer.cancel(false);
            flushTimer = null;
        }
        long flushMs = config.flushMs();
        if (flushMs < Long.MAX_VALUE && executor != null) {
            long period = Math.max(flushMs, 1);
            flushTimer = executor.scheduleWithFixedDelay(flusher::requestFlush, period, period, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Forces everything, writes the final time index entries and a producer snapshot, and closes
     * the segments. Open slices stay readable until closed. Returns the durable offset, which is
     * the recovery point to checkpoint.
     */
    long close() throws IOException {
        startOffsetLock.lock();
        lock.lock();
        try {
            if (closed) {
                return flusher.durableOffset();
            }
            closed = true;
            if (flushTimer != null) {
                flushTimer.cancel(false);
            }
            if (offlineCause == null) {
                activeSegment().onBecomeInactive();
                flusher.flushAllNow();
                producerState.takeSnapshot(logEndOffset);
            }
        } finally {
            lock.unlock();
            startOffsetLock.unlock();
        }
        flusher.failWaiters(new StorageException(logPrefix + " Log closed"));
        for (LogSegment segment : segments.values()) {
            segment.release();
        }
        LOG.info("{} Closed at log end offset {}", logPrefix, logEndOffset);
        return flusher.durableOffset();
    }

    /** Stops the log and hands its segments to deletion; files go once no slice reads them. */
    void markDeleted(Path renamedDir) {
        startOffsetLock.lock();
        lock.lock();
        try {
            closed = true;
            dir = renamedDir;
            if (flushTimer != null) {
                flushTimer.cancel(false);
            }
        } finally {
            lock.unlock();
            startOffsetLock.unlock();
        }
        flusher.failWaiters(new StorageException(logPrefix + " Log deleted"));
        for (LogSegment segment : segments.values()) {
            segment.markForDeletion(renamedDir);
            segment.release();
        }
    }

    boolean isClosed() {
        return closed;
    }
}
