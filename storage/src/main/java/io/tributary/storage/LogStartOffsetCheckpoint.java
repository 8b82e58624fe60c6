package io.tributary.storage;

import io.tributary.storage.file.FileSync;
import io.tributary.storage.file.OffsetCheckpointFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The log start offsets of a data directory, kept in {@value LogManager#LOG_START_OFFSET_CHECKPOINT_FILE}
 * (an {@link OffsetCheckpointFile}). A raise adds or updates its partition's entry, and a clean
 * shutdown writes an entry for every partition. A partition without an entry starts at its first
 * segment.
 *
 * <p>{@link #persist} replaces the file before it returns, so a log raises its start offset in
 * memory only once the new value survives a crash.
 *
 * <p>Thread-safe: all methods are synchronized, so writes never interleave.
 */
final class LogStartOffsetCheckpoint {

    private static final Logger LOG = LoggerFactory.getLogger(LogStartOffsetCheckpoint.class);

    private final OffsetCheckpointFile file;
    private final String logPrefix;
    private final Map<TopicPartition, Long> offsets = new HashMap<>();

    LogStartOffsetCheckpoint(Path path, FileSync fileSync, String logPrefix) {
        this.file = new OffsetCheckpointFile(path, fileSync);
        this.logPrefix = logPrefix;
    }

    /**
     * Reads the file into memory. An unreadable file is logged and treated as empty, so every log
     * starts at its first segment.
     */
    synchronized void load() {
        offsets.clear();
        try {
            offsets.putAll(file.read());
        } catch (IOException e) {
            LOG.warn("{} Starting every log at its first segment because {} is unreadable: {}", logPrefix,
                    file.path().getFileName(), e.getMessage());
        }
    }

    /** Returns the stored start offset of a partition, or 0 if it has none. */
    synchronized long offset(TopicPartition topicPartition) {
        return offsets.getOrDefault(topicPartition, 0L);
    }

    /**
     * Stores a new start offset of a partition durably. On failure the stored value stays as before.
     *
     * @throws IOException if the file cannot be written and forced
     */
    synchronized void persist(TopicPartition topicPartition, long logStartOffset) throws IOException {
        Long previous = offsets.put(topicPartition, logStartOffset);
        try {
            file.write(offsets);
        } catch (IOException e) {
            if (previous == null) {
                offsets.remove(topicPartition);
            } else {
                offsets.put(topicPartition, previous);
            }
            throw e;
        }
    }

    /**
     * Drops the entries of partitions not in {@code partitions} and rewrites the file if any was
     * dropped, so that a later partition of the same name does not inherit a start offset.
     *
     * @throws IOException if the file cannot be written and forced
     */
    synchronized void retainOnly(Set<TopicPartition> partitions) throws IOException {
        if (offsets.keySet().retainAll(partitions)) {
            file.write(offsets);
        }
    }

    /**
     * Writes the start offsets of every given partition, replacing the stored ones, and drops the
     * entries of all other partitions.
     *
     * @throws IOException if the file cannot be written and forced
     */
    synchronized void writeAll(Map<TopicPartition, Long> logStartOffsets) throws IOException {
        offsets.clear();
        offsets.putAll(logStartOffsets);
        file.write(offsets);
    }
}
