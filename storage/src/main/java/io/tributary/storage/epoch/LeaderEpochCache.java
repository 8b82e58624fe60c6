package io.tributary.storage.epoch;

import io.tributary.storage.EpochEndOffset;
import io.tributary.storage.file.AtomicFile;
import io.tributary.storage.file.FileSync;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Leader epochs of one partition and the first offset written in each, persisted in
 * {@code leader-epoch-checkpoint}. Layout (UTF-8, '\n' line ends):
 *
 * <pre>
 * 0                          version
 * N                          number of entries
 * &lt;epoch&gt; &lt;startOffset&gt;      N lines in increasing epoch and offset order
 * </pre>
 *
 * <p>Thread-safe.
 */
public final class LeaderEpochCache {

    public static final String FILE_NAME = "leader-epoch-checkpoint";
    private static final int VERSION = 0;

    private final AtomicFile file;
    private final TreeMap<Integer, Long> epochs = new TreeMap<>();

    private LeaderEpochCache(AtomicFile file) {
        this.file = file;
    }

    /** Returns an empty cache for a partition directory that was just created, without reading the disk. */
    public static LeaderEpochCache empty(Path partitionDir, FileSync fileSync) {
        return new LeaderEpochCache(new AtomicFile(partitionDir.resolve(FILE_NAME), fileSync));
    }

    /**
     * Loads the cache of a partition directory; a missing file gives an empty cache.
     *
     * @throws IOException if the file is malformed
     */
    public static LeaderEpochCache load(Path partitionDir, FileSync fileSync) throws IOException {
        LeaderEpochCache cache = new LeaderEpochCache(new AtomicFile(partitionDir.resolve(FILE_NAME), fileSync));
        Optional<byte[]> content = cache.file.read();
        if (content.isPresent()) {
            String[] lines = new String(content.get(), StandardCharsets.UTF_8).split("\n");
            try {
                if (lines.length < 2 || Integer.parseInt(lines[0].trim()) != VERSION
                        || Integer.parseInt(lines[1].trim()) != lines.length - 2) {
                    throw new IOException("Malformed header in " + cache.file.path());
                }
                for (int i = 2; i < lines.length; i++) {
                    String[] fields = lines[i].trim().split(" ");
                    if (fields.length != 2) {
                        throw new IOException("Malformed line " + (i + 1) + " in " + cache.file.path());
                    }
                    cache.epochs.put(Integer.parseInt(fields[0]), Long.parseLong(fields[1]));
                }
            } catch (NumberFormatException e) {
                throw new IOException("Malformed number in " + cache.file.path(), e);
            }
        }
        return cache;
    }

    /**
     * Records that {@code epoch} starts at {@code startOffset}, unless the epoch is not newer than the
     * latest known epoch. Persists the change before returning.
     */
    public synchronized void assign(int epoch, long startOffset) throws IOException {
        Map.Entry<Integer, Long> latest = epochs.lastEntry();
        if (latest != null && (epoch <= latest.getKey() || startOffset < latest.getValue())) {
            return;
        }
        epochs.put(epoch, startOffset);
        persist();
    }

    /**
     * Records the first epoch of a new, still empty partition without forcing the file. The partition's
     * first flush forces it before any record of the partition counts as durable.
     *
     * @throws IllegalStateException if the cache is not empty
     */
    public synchronized void assignFirstUnsynced(int epoch, long startOffset) throws IOException {
        if (!epochs.isEmpty()) {
            throw new IllegalStateException("Expected an empty leader epoch cache, found epochs " + epochs);
        }
        epochs.put(epoch, startOffset);
        file.writeUnsynced(serialize());
    }

    /** Returns the latest epoch, or -1 if none. */
    public synchronized int latestEpoch() {
        return epochs.isEmpty() ? -1 : epochs.lastKey();
    }

    /**
     * Returns the end offset of {@code requestedEpoch}: the log end offset for the latest epoch, the
     * start offset of the next known epoch for an older one, and {@link EpochEndOffset#UNDEFINED}
     * for an epoch newer than all known or when the cache is empty.
     */
    public synchronized EpochEndOffset endOffsetFor(int requestedEpoch, long logEndOffset) {
        if (requestedEpoch < 0 || epochs.isEmpty()) {
            return EpochEndOffset.UNDEFINED;
        }
        if (requestedEpoch == epochs.lastKey()) {
            return new EpochEndOffset(requestedEpoch, logEndOffset);
        }
        Map.Entry<Integer, Long> higher = epochs.higherEntry(requestedEpoch);
        if (higher == null) {
            return EpochEndOffset.UNDEFINED;
        }
        Map.Entry<Integer, Long> floor = epochs.floorEntry(requestedEpoch);
        int epoch = floor == null ? requestedEpoch : floor.getKey();
        return new EpochEndOffset(epoch, higher.getValue());
    }

    /** Removes the epochs that start at or after {@code endOffset}, after the log was truncated there. */
    public synchronized void truncateFromEnd(long endOffset) throws IOException {
        boolean changed = epochs.values().removeIf(start -> start >= endOffset);
        if (changed) {
            persist();
        }
    }

    /** Returns a copy of the epochs and their start offsets. */
    public synchronized TreeMap<Integer, Long> entries() {
        return new TreeMap<>(epochs);
    }

    private void persist() throws IOException {
        file.write(serialize());
    }

    private byte[] serialize() {
        StringBuilder text = new StringBuilder();
        text.append(VERSION).append('\n').append(epochs.size()).append('\n');
        epochs.forEach((epoch, offset) -> text.append(epoch).append(' ').append(offset).append('\n'));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }
}
