package io.tributary.storage.producer;

import io.tributary.storage.AppendError;
import io.tributary.storage.AppendOrigin;
import io.tributary.storage.file.FileSync;
import io.tributary.storage.record.RecordBatchHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Idempotent producer state of one partition: for each producer id, its epoch and its last five
 * batches. Validates appends with the sequence rules of Apache Kafka 4.4 and persists snapshots
 * as {@link ProducerSnapshotFile}s.
 *
 * <p>Not thread-safe: the owning log calls it under its lock.
 */
public final class ProducerStateManager {

    private static final Logger LOG = LoggerFactory.getLogger(ProducerStateManager.class);

    /** Snapshots kept on disk; older ones are deleted after a new one is written. */
    static final int SNAPSHOTS_RETAINED = 2;

    private final Path dir;
    private final FileSync fileSync;
    private final String logPrefix;
    private final Map<Long, ProducerStateEntry> producers = new HashMap<>();

    public ProducerStateManager(Path dir, FileSync fileSync, String logPrefix) {
        this.dir = dir;
        this.fileSync = fileSync;
        this.logPrefix = logPrefix;
    }

    /** Starts the checks of one append; nothing changes until {@link ProducerAppend#commit()}. */
    public ProducerAppend begin(AppendOrigin origin) {
        return new ProducerAppend(origin);
    }

    /** Updates the state from a batch already in the log, without checks, while rebuilding state. */
    public void replay(RecordBatchHeader batch) {
        if (!batch.hasProducerId() || batch.isControl()) {
            return;
        }
        ProducerStateEntry entry = producers.computeIfAbsent(batch.producerId(),
                id -> new ProducerStateEntry(id, batch.producerEpoch()));
        entry.addBatch(batch.producerEpoch(), metadata(batch));
    }

    /** Returns the state of a producer, or null if unknown. */
    public ProducerStateEntry entry(long producerId) {
        return producers.get(producerId);
    }

    public int producerCount() {
        return producers.size();
    }

    /**
     * Loads the newest snapshot at or below {@code maxOffset}. Snapshots above it (left from a
     * longer log that was truncated) and snapshots that fail to read are deleted.
     *
     * @return the loaded snapshot's offset, from which the caller replays the log, or -1 if none
     */
    public long loadLatestSnapshot(long maxOffset) throws IOException {
        producers.clear();
        List<Long> offsets = snapshotOffsets();
        for (int i = offsets.size() - 1; i >= 0; i--) {
            long offset = offsets.get(i);
            Path file = ProducerSnapshotFile.path(dir, offset);
            if (offset > maxOffset) {
                LOG.info("{} Deleting producer snapshot {} above the log end offset {}", logPrefix, file, maxOffset);
                Files.deleteIfExists(file);
                continue;
            }
            try {
                for (ProducerStateEntry entry : ProducerSnapshotFile.read(file)) {
                    producers.put(entry.producerId(), entry);
                }
                return offset;
            } catch (IOException e) {
                LOG.warn("{} Deleting unreadable producer snapshot {}: {}", logPrefix, file, e.getMessage());
                producers.clear();
                Files.deleteIfExists(file);
            }
        }
        return -1;
    }

    /** Writes a snapshot of the state after every batch below {@code offset}, then deletes older snapshots. */
    public void takeSnapshot(long offset) throws IOException {
        ProducerSnapshotFile.write(ProducerSnapshotFile.path(dir, offset), producers.values(), fileSync);
        List<Long> offsets = snapshotOffsets();
        for (int i = 0; i < offsets.size() - SNAPSHOTS_RETAINED; i++) {
            Files.deleteIfExists(ProducerSnapshotFile.path(dir, offsets.get(i)));
        }
    }

    /** Returns the offsets of the snapshot files in the directory, in increasing order. */
    public List<Long> snapshotOffsets() throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + ProducerSnapshotFile.SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                try {
                    offsets.add(Long.parseLong(name.substring(0, name.length() - ProducerSnapshotFile.SUFFIX.length())));
                } catch (NumberFormatException e) {
                    LOG.warn("{} Ignoring file {} with a snapshot suffix but no offset", logPrefix, file);
                }
            }
        }
        Collections.sort(offsets);
        return offsets;
    }

    private static BatchMetadata metadata(RecordBatchHeader batch) {
        return new BatchMetadata(batch.baseSequence(), batch.lastSequence(), batch.baseOffset(), batch.lastOffset(),
                batch.maxTimestamp());
    }

    /** Returns true if {@code nextSequence} directly follows {@code lastSequence}, wrapping after the int maximum. */
    static boolean inSequence(int lastSequence, int nextSequence) {
        return nextSequence == lastSequence + 1L || (nextSequence == 0 && lastSequence == Integer.MAX_VALUE);
    }

    /**
     * Outcome of checking one batch.
     *
     * @param error     {@link AppendError#NONE} if the batch may be written or is a duplicate
     * @param message   reason for an error, or null
     * @param duplicate the original write of a duplicate batch, or null
     */
    public record CheckResult(AppendError error, String message, BatchMetadata duplicate) {

        static final CheckResult VALID = new CheckResult(AppendError.NONE, null, null);

        public boolean isValid() {
            return error == AppendError.NONE && duplicate == null;
        }
    }

    /**
     * Pending producer state changes of one append, which may hold several batches. Each batch is
     * checked against the state including the earlier batches of the same append.
     */
    public final class ProducerAppend {

        private final AppendOrigin origin;
        private final Map<Long, ProducerStateEntry> updated = new HashMap<>();

        private ProducerAppend(AppendOrigin origin) {
            this.origin = origin;
        }

        /**
         * Checks a batch with the rules of Apache Kafka 4.4, in this order: an epoch older than the
         * stored one is INVALID_PRODUCER_EPOCH; a batch with the stored epoch whose first and last
         * sequence equal one of the five cached batches is a duplicate; a producer without stored
         * state accepts any sequence; a newer epoch must start at sequence 0; otherwise the base
         * sequence must follow the last sequence, wrapping from {@link Integer#MAX_VALUE} to 0.
         * Anything else is OUT_OF_ORDER_SEQUENCE_NUMBER.
         */
        public CheckResult check(RecordBatchHeader batch) {
            if (!batch.hasProducerId() || batch.isControl() || origin != AppendOrigin.CLIENT) {
                return CheckResult.VALID;
            }
            if (batch.baseSequence() < 0) {
                return new CheckResult(AppendError.CORRUPT_MESSAGE, "Producer " + batch.producerId()
                        + " sent a batch without a sequence number", null);
            }
            ProducerStateEntry entry = current(batch.producerId());
            if (entry == null) {
                return CheckResult.VALID;
            }
            if (batch.producerEpoch() < entry.producerEpoch()) {
                return new CheckResult(AppendError.INVALID_PRODUCER_EPOCH, "Producer " + batch.producerId()
                        + " epoch " + batch.producerEpoch() + " is older than the current epoch "
                        + entry.producerEpoch(), null);
            }
            if (batch.producerEpoch() == entry.producerEpoch()) {
                BatchMetadata duplicate = entry.findDuplicate(batch.baseSequence(), batch.lastSequence());
                if (duplicate != null) {
                    return new CheckResult(AppendError.NONE, null, duplicate);
                }
                if (!inSequence(entry.lastSequence(), batch.baseSequence())) {
                    return new CheckResult(AppendError.OUT_OF_ORDER_SEQUENCE_NUMBER, "Producer " + batch.producerId()
                            + " sent sequence " + batch.baseSequence() + " but the last written sequence is "
                            + entry.lastSequence(), null);
                }
                return CheckResult.VALID;
            }
            if (batch.baseSequence() != 0) {
                return new CheckResult(AppendError.OUT_OF_ORDER_SEQUENCE_NUMBER, "Producer " + batch.producerId()
                        + " started epoch " + batch.producerEpoch() + " at sequence " + batch.baseSequence()
                        + " instead of 0", null);
            }
            return CheckResult.VALID;
        }

        /** Records a checked batch that now carries its assigned offsets. */
        public void record(RecordBatchHeader batch) {
            if (!batch.hasProducerId() || batch.isControl()) {
                return;
            }
            ProducerStateEntry entry = updated.get(batch.producerId());
            if (entry == null) {
                ProducerStateEntry stored = producers.get(batch.producerId());
                entry = stored == null ? new ProducerStateEntry(batch.producerId(), batch.producerEpoch()) : stored.copy();
                updated.put(batch.producerId(), entry);
            }
            entry.addBatch(batch.producerEpoch(), metadata(batch));
        }

        /** Applies the recorded batches to the partition's state; call only after the write succeeded. */
        public void commit() {
            producers.putAll(updated);
        }

        private ProducerStateEntry current(long producerId) {
            ProducerStateEntry entry = updated.get(producerId);
            return entry != null ? entry : producers.get(producerId);
        }
    }
}
