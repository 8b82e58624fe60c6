package io.tributary.broker.group;

import io.tributary.storage.AppendOrigin;
import io.tributary.storage.AppendResult;
import io.tributary.storage.FileSlice;
import io.tributary.storage.Log;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.StorageException;
import io.tributary.storage.file.AtomicFile;
import io.tributary.storage.file.FileSync;
import io.tributary.storage.record.Record;
import io.tributary.storage.record.RecordBatchBuilder;
import io.tributary.storage.record.RecordBatchHeader;
import io.tributary.storage.record.RecordBatchReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link OffsetLog} in the broker's own storage: the partitions of the internal topic
 * {@value #TOPIC}, one uncompressed record batch per commit, in the layout of
 * {@link OffsetRecordCodec}. A group's commits go to partition
 * {@link GroupConfig#offsetsPartitionFor}, so one group's commits are ordered by log offset.
 *
 * <p>A clean {@link #checkpoint} writes {@value #CHECKPOINT_FILE} in the data directory (layout in
 * {@link OffsetsCheckpoint}); {@link #replay} then loads it and reads each partition from the offset
 * it covers. A checkpoint that is missing, corrupt, or ahead of a partition's log end offset is
 * ignored and every partition is read from its start.
 *
 * <p>Thread-safe. The {@link LogManager} stays owned by the caller, who must close this log first.
 */
public final class StorageOffsetLog implements OffsetLog {

    private static final Logger log = LoggerFactory.getLogger(StorageOffsetLog.class);

    /** The internal topic that stores committed offsets. */
    public static final String TOPIC = "__consumer_offsets";
    /** The checkpoint file in the data directory. */
    public static final String CHECKPOINT_FILE = "group-offsets-checkpoint";
    /** The segment size of the offsets partitions, as Kafka's {@code offsets.topic.segment.bytes} default. */
    public static final int SEGMENT_BYTES = 100 * 1024 * 1024;
    /** The bytes read from a partition at a time during replay. */
    static final int REPLAY_READ_BYTES = 1024 * 1024;

    private final Map<Integer, Log> partitions;
    private final GroupConfig config;
    private final AtomicFile checkpointFile;

    private StorageOffsetLog(Map<Integer, Log> partitions, GroupConfig config, AtomicFile checkpointFile) {
        this.partitions = partitions;
        this.config = config;
        this.checkpointFile = checkpointFile;
    }

    /**
     * Opens or creates the partitions {@code 0..offsets.topic.num.partitions-1} of {@value #TOPIC}.
     *
     * @param logManager the broker's log manager; partitions of {@value #TOPIC} it loaded at start-up
     *                   beyond the configured count are replayed too, but receive no new commits
     * @param config     the group settings
     * @param logConfig  the configuration of newly created offsets partitions; keep
     *                   {@code flush.messages=1} or the commit response waits for the next timed flush
     * @throws IOException if a partition cannot be created
     */
    public static StorageOffsetLog open(LogManager logManager, GroupConfig config, LogConfig logConfig)
            throws IOException {
        Map<Integer, Log> partitions = new TreeMap<>();
        for (Log existing : logManager.logs()) {
            if (existing.topic().equals(TOPIC)) {
                partitions.put(existing.partition(), existing);
            }
        }
        for (int partition = 0; partition < config.offsetsTopicNumPartitions(); partition++) {
            partitions.put(partition, logManager.getOrCreate(TOPIC, partition, null, logConfig));
        }
        AtomicFile checkpointFile = new AtomicFile(logManager.dataDir().resolve(CHECKPOINT_FILE), FileSync.system());
        return new StorageOffsetLog(partitions, config, checkpointFile);
    }

    /** Returns the log configuration of new offsets partitions: storage defaults with 100 MiB segments. */
    public static LogConfig defaultLogConfig() {
        return LogConfig.defaults().withSegmentBytes(SEGMENT_BYTES);
    }

    @Override
    public void replay(OffsetVisitor visitor) throws IOException {
        Optional<OffsetsCheckpoint.Snapshot> snapshot = readCheckpoint();
        Map<Integer, Long> startOffsets = new HashMap<>();
        if (snapshot.isPresent()) {
            snapshot.get().offsets().forEach((key, value) -> visitor.accept(key, value, -1L));
            startOffsets.putAll(snapshot.get().nextOffsets());
        }
        long records = 0;
        for (Map.Entry<Integer, Log> entry : partitions.entrySet()) {
            Log partitionLog = entry.getValue();
            long start = Math.max(startOffsets.getOrDefault(entry.getKey(), 0L), partitionLog.logStartOffset());
            records += replayPartition(partitionLog, start, visitor);
        }
        log.info("[OffsetLog {}] Replayed {} records after a checkpoint of {} offsets", TOPIC, records,
                snapshot.map(s -> s.offsets().size()).orElse(0));
    }

    /** Returns the checkpoint if it is readable and no partition ends before the position it covers. */
    private Optional<OffsetsCheckpoint.Snapshot> readCheckpoint() throws IOException {
        Optional<byte[]> bytes = checkpointFile.read();
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        OffsetsCheckpoint.Snapshot snapshot;
        try {
            snapshot = OffsetsCheckpoint.decode(bytes.get());
        } catch (IllegalArgumentException e) {
            log.warn("[OffsetLog {}] Ignoring the unreadable checkpoint {} and replaying every partition: {}",
                    TOPIC, checkpointFile.path(), e.getMessage());
            return Optional.empty();
        }
        for (Map.Entry<Integer, Long> covered : snapshot.nextOffsets().entrySet()) {
            Log partitionLog = partitions.get(covered.getKey());
            long logEnd = partitionLog == null ? 0 : partitionLog.logEndOffset();
            if (covered.getValue() > logEnd) {
                log.warn("[OffsetLog {}] Ignoring the checkpoint because it covers partition {} up to offset {} "
                        + "but the log ends at {}; replaying every partition", TOPIC, covered.getKey(),
                        covered.getValue(), logEnd);
                return Optional.empty();
            }
        }
        return Optional.of(snapshot);
    }

    private long replayPartition(Log partitionLog, long startOffset, OffsetVisitor visitor) throws IOException {
        long offset = startOffset;
        long records = 0;
        while (offset < partitionLog.highWatermark()) {
            ByteBuffer batches;
            try (FileSlice slice = partitionLog.read(offset, REPLAY_READ_BYTES, true)) {
                if (slice.isEmpty()) {
                    break;
                }
                batches = slice.readAll();
            }
            for (ByteBuffer batch : RecordBatchReader.batches(batches)) {
                RecordBatchHeader header = RecordBatchHeader.parse(batch, 0);
                if (header.lastOffset() >= offset) {
                    records += replayBatch(partitionLog, batch, offset, visitor);
                }
                offset = Math.max(offset, header.nextOffset());
            }
        }
        return records;
    }

    private static long replayBatch(Log partitionLog, ByteBuffer batch, long fromOffset, OffsetVisitor visitor) {
        long records = 0;
        for (Record record : RecordBatchReader.records(batch)) {
            if (record.offset() < fromOffset) {
                continue;
            }
            try {
                OffsetKey key = OffsetRecordCodec.decodeKey(record.key());
                visitor.accept(key, OffsetRecordCodec.decodeValue(record.value()), record.offset());
                records++;
            } catch (IllegalArgumentException | NullPointerException e) {
                // A record this version cannot read is skipped, so one bad record does not lose every group.
                log.error("[OffsetLog {}] Skipping unreadable offset record at offset {}: {}",
                        partitionLog.topicPartition(), record.offset(), e.getMessage());
            }
        }
        return records;
    }

    @Override
    public CompletableFuture<Long> append(String groupId, Map<OffsetKey, CommittedOffset> commits) {
        Log partitionLog = partitions.get(config.offsetsPartitionFor(groupId));
        ByteBuffer batch;
        try {
            RecordBatchBuilder builder = new RecordBatchBuilder();
            for (Map.Entry<OffsetKey, CommittedOffset> entry : commits.entrySet()) {
                long timestamp = entry.getValue() == null ? System.currentTimeMillis()
                        : entry.getValue().commitTimestampMs();
                builder.add(timestamp, OffsetRecordCodec.encodeKey(entry.getKey()),
                        OffsetRecordCodec.encodeValue(entry.getValue()));
            }
            batch = builder.build();
        } catch (IllegalArgumentException e) {
            return CompletableFuture.failedFuture(e);
        }
        AppendResult result;
        try {
            result = partitionLog.append(batch, AppendOrigin.COORDINATOR);
        } catch (StorageException e) {
            return CompletableFuture.failedFuture(e);
        }
        if (!result.succeeded()) {
            return CompletableFuture.failedFuture(new StorageException("Append of " + commits.size()
                    + " offsets of group " + groupId + " to " + partitionLog.topicPartition() + " failed with "
                    + result.error() + ": " + result.errorMessage()));
        }
        long position = result.lastOffset();
        return partitionLog.awaitDurable(result.nextOffset()).thenApply(ignored -> position);
    }

    @Override
    public void checkpoint(Map<OffsetKey, CommittedOffset> offsets) throws IOException {
        Map<Integer, Long> nextOffsets = new HashMap<>();
        partitions.forEach((partition, partitionLog) -> nextOffsets.put(partition, partitionLog.logEndOffset()));
        checkpointFile.write(OffsetsCheckpoint.encode(new OffsetsCheckpoint.Snapshot(nextOffsets, offsets)));
    }

    /** Returns the checkpoint file's path. */
    public Path checkpointPath() {
        return checkpointFile.path();
    }

    @Override
    public void close() {
        // The partitions belong to the log manager, which closes them.
    }
}
