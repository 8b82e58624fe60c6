package io.tributary.storage;

import io.tributary.storage.epoch.LeaderEpochCache;
import io.tributary.storage.file.AtomicFile;
import io.tributary.storage.file.FileSync;
import io.tributary.storage.producer.ProducerStateManager;
import io.tributary.storage.record.RecordBatchHeader;
import io.tributary.storage.segment.CorruptIndexException;
import io.tributary.storage.segment.LogSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Loads one partition directory and recovers it after an unclean shutdown.
 *
 * <p>Recovery policy: segments that may hold offsets at or above the recovery point (every segment
 * after an unclean shutdown without a checkpoint) are validated batch by batch: length, magic 2,
 * offsets increasing from the segment's base offset, and CRC32C. The first invalid batch and
 * everything after it, including all later segments, are removed, and the segment's indexes are
 * rebuilt. Earlier segments keep their indexes if they pass a sanity check; a missing or failing
 * index is rebuilt from the log. Recovered segments are forced before the log opens, so the
 * whole loaded log is durable. Producer state comes from the newest snapshot at or below the log
 * end offset plus a replay of the batch headers after it.
 *
 * <p>Log start offset: segments that lie wholly below the checkpointed log start offset are deleted
 * before recovery. Recovery can leave the log end offset below the log start offset when data above
 * the start offset was not yet forced at the crash. Every segment is then deleted and the log
 * restarts empty at the log start offset, so offsets never go back below it.
 */
final class LogLoader {

    private static final Logger LOG = LoggerFactory.getLogger(LogLoader.class);

    private LogLoader() {
    }

    /**
     * Result of loading a partition directory.
     *
     * @param segments       segments in increasing base offset order, never empty
     * @param logStartOffset first offset that reads may return, within the first segment
     * @param logEndOffset   offset after the last valid batch, at least {@code logStartOffset}
     * @param producerState  rebuilt producer state
     * @param epochCache     leader epochs, truncated to the log end offset
     */
    record LoadedLog(List<LogSegment> segments, long logStartOffset, long logEndOffset,
                     ProducerStateManager producerState, LeaderEpochCache epochCache) {
    }

    /** Returns the state of a directory that was just created and is empty: one segment, nothing else to read. */
    static LoadedLog createEmpty(Path dir, String logPrefix, LogConfig config, long startOffset, FileSync fileSync,
                                 long nowMs) throws IOException {
        LogSegment segment = LogSegment.create(dir, startOffset, config.indexIntervalBytes(), config.maxIndexBytes(),
                nowMs);
        return new LoadedLog(List.of(segment), startOffset, startOffset, new ProducerStateManager(dir, fileSync,
                logPrefix), LeaderEpochCache.empty(dir, fileSync));
    }

    /**
     * Loads a partition directory.
     *
     * @param recoveryPoint     offset below which the data and indexes were durable, or -1 if the
     *                          previous run shut down cleanly and nothing needs validation
     * @param checkpointedStart log start offset from the checkpoint, or 0 if it has no entry
     */
    static LoadedLog load(Path dir, String logPrefix, LogConfig config, long recoveryPoint, long checkpointedStart,
                          FileSync fileSync, long nowMs, RecoveryCounters counters) throws IOException {
        deleteLeftovers(dir, logPrefix);
        List<Long> baseOffsets = deleteSegmentsBelow(dir, logPrefix, segmentBaseOffsets(dir), checkpointedStart,
                fileSync);
        List<LogSegment> segments = new ArrayList<>();
        if (baseOffsets.isEmpty()) {
            segments.add(LogSegment.create(dir, checkpointedStart, config.indexIntervalBytes(),
                    config.maxIndexBytes(), nowMs));
        }
        for (int i = 0; i < baseOffsets.size(); i++) {
            long baseOffset = baseOffsets.get(i);
            boolean last = i == baseOffsets.size() - 1;
            boolean needsRecovery = recoveryPoint >= 0 && (last || baseOffsets.get(i + 1) > recoveryPoint);
            OpenedSegment opened = openSegment(dir, logPrefix, config, baseOffset, needsRecovery, fileSync, nowMs,
                    counters);
            segments.add(opened.segment());
            counters.segmentsLoaded.incrementAndGet();

            // A torn or corrupt tail invalidates every later segment
            if (!last && (opened.truncated() || (needsRecovery && opened.segment().nextOffset() != baseOffsets.get(i + 1)))) {
                deleteLaterSegments(dir, logPrefix, baseOffsets.subList(i + 1, baseOffsets.size()), counters);
                fileSync.syncDirectory(dir);
                break;
            }
        }
        long logEndOffset = segments.get(segments.size() - 1).nextOffset();
        if (logEndOffset < checkpointedStart) {
            segments = restartAt(dir, logPrefix, config, segments, checkpointedStart, fileSync, nowMs);
            logEndOffset = checkpointedStart;
        }
        long logStartOffset = Math.max(checkpointedStart, segments.get(0).baseOffset());

        // Rebuild producer state
        ProducerStateManager producerState = new ProducerStateManager(dir, fileSync, logPrefix);
        long snapshotOffset = producerState.loadLatestSnapshot(logEndOffset);
        long replayed = replayProducerState(segments, producerState, Math.max(snapshotOffset, 0));
        LOG.debug("{} Rebuilt state of {} producers from snapshot at {} and {} batches", logPrefix,
                producerState.producerCount(), snapshotOffset, replayed);

        // Load leader epochs
        LeaderEpochCache epochCache = loadEpochs(dir, logPrefix, logEndOffset, fileSync);
        epochCache.truncateFromEnd(logEndOffset + 1);
        return new LoadedLog(segments, logStartOffset, logEndOffset, producerState, epochCache);
    }

    /**
     * Loads the leader epochs. A new partition writes its first epoch without a force, and its first flush
     * forces it, so a crash before that flush can tear the file. In a log without records a torn file is
     * deleted and the epochs start empty. In a log with records a malformed file is an error.
     */
    private static LeaderEpochCache loadEpochs(Path dir, String logPrefix, long logEndOffset, FileSync fileSync)
            throws IOException {
        try {
            return LeaderEpochCache.load(dir, fileSync);
        } catch (IOException e) {
            if (logEndOffset > 0 || holdsRecords(dir)) {
                throw e;
            }
            LOG.warn("{} Deleting {} of a log without records: {}", logPrefix, LeaderEpochCache.FILE_NAME,
                    e.getMessage());
            Files.deleteIfExists(dir.resolve(LeaderEpochCache.FILE_NAME));
            return LeaderEpochCache.load(dir, fileSync);
        }
    }

    /** Returns true if some segment file of the directory is not empty. */
    static boolean holdsRecords(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + LogSegment.LOG_SUFFIX)) {
            for (Path file : files) {
                if (Files.size(file) > 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Deletes the files of segments whose next segment starts at or below {@code logStartOffset}, and
     * returns the base offsets of the others.
     */
    private static List<Long> deleteSegmentsBelow(Path dir, String logPrefix, List<Long> baseOffsets,
                                                  long logStartOffset, FileSync fileSync) throws IOException {
        int keepFrom = 0;
        while (keepFrom + 1 < baseOffsets.size() && baseOffsets.get(keepFrom + 1) <= logStartOffset) {
            keepFrom++;
        }
        if (keepFrom == 0) {
            return baseOffsets;
        }
        for (long baseOffset : baseOffsets.subList(0, keepFrom)) {
            LOG.info("{} Deleting segment {}, which lies below the log start offset {}", logPrefix, baseOffset,
                    logStartOffset);
            deleteSegmentFiles(dir, baseOffset);
        }
        fileSync.syncDirectory(dir);
        return baseOffsets.subList(keepFrom, baseOffsets.size());
    }

    /** Deletes every segment and creates an empty one at {@code logStartOffset}. */
    private static List<LogSegment> restartAt(Path dir, String logPrefix, LogConfig config, List<LogSegment> segments,
                                              long logStartOffset, FileSync fileSync, long nowMs) throws IOException {
        long logEndOffset = segments.get(segments.size() - 1).nextOffset();
        LOG.warn("{} Recovery left the log end offset {} below the log start offset {}: deleting {} segments and "
                + "restarting the log empty at the log start offset", logPrefix, logEndOffset, logStartOffset,
                segments.size());
        // Create first, so the directory never becomes empty, which would make the last release remove it
        LogSegment fresh = LogSegment.create(dir, logStartOffset, config.indexIntervalBytes(), config.maxIndexBytes(),
                nowMs);
        for (LogSegment segment : segments) {
            segment.markForDeletion(dir);
            segment.release();
        }
        fileSync.syncDirectory(dir);
        return List.of(fresh);
    }

    private record OpenedSegment(LogSegment segment, boolean truncated) {
    }

    private static OpenedSegment openSegment(Path dir, String logPrefix, LogConfig config, long baseOffset,
                                             boolean needsRecovery, FileSync fileSync, long nowMs,
                                             RecoveryCounters counters)
            throws IOException {
        boolean indexesExist = Files.exists(dir.resolve(LogSegment.fileName(baseOffset, LogSegment.INDEX_SUFFIX)))
                && Files.exists(dir.resolve(LogSegment.fileName(baseOffset, LogSegment.TIME_INDEX_SUFFIX)));
        LogSegment segment = LogSegment.open(dir, baseOffset, config.indexIntervalBytes(), config.maxIndexBytes(), nowMs);
        if (!needsRecovery && indexesExist) {
            try {
                segment.loadIndexes();
                return new OpenedSegment(segment, false);
            } catch (CorruptIndexException e) {
                LOG.warn("{} Rebuilding the indexes of segment {}: {}", logPrefix, baseOffset, e.getMessage());
            }
        } else if (!indexesExist) {
            LOG.warn("{} Rebuilding the missing indexes of segment {}", logPrefix, baseOffset);
        }
        if (!needsRecovery || !indexesExist) {
            counters.indexesRebuilt.addAndGet(2);
        }
        LogSegment.RecoveryResult result = segment.recover();
        // Force what recovery kept, so the whole loaded log counts as durable
        segment.flush(fileSync);
        segment.flushIndexes(fileSync);
        counters.segmentsRecovered.incrementAndGet();
        counters.batchesValidated.addAndGet(result.batchesValidated());
        if (result.bytesTruncated() > 0) {
            counters.bytesTruncated.addAndGet(result.bytesTruncated());
            LOG.warn("{} Truncated {} bytes from segment {} after {} valid batches: {}", logPrefix,
                    result.bytesTruncated(), baseOffset, result.batchesValidated(), result.invalidReason());
        }
        return new OpenedSegment(segment, result.bytesTruncated() > 0);
    }

    private static void deleteLaterSegments(Path dir, String logPrefix, List<Long> baseOffsets,
                                            RecoveryCounters counters) throws IOException {
        for (long baseOffset : baseOffsets) {
            Path logFile = dir.resolve(LogSegment.fileName(baseOffset, LogSegment.LOG_SUFFIX));
            long size = Files.size(logFile);
            counters.bytesTruncated.addAndGet(size);
            LOG.warn("{} Deleting segment {} ({} bytes) after the truncated tail of an earlier segment", logPrefix,
                    baseOffset, size);
            deleteSegmentFiles(dir, baseOffset);
        }
    }

    private static void deleteSegmentFiles(Path dir, long baseOffset) throws IOException {
        Files.delete(dir.resolve(LogSegment.fileName(baseOffset, LogSegment.LOG_SUFFIX)));
        Files.deleteIfExists(dir.resolve(LogSegment.fileName(baseOffset, LogSegment.INDEX_SUFFIX)));
        Files.deleteIfExists(dir.resolve(LogSegment.fileName(baseOffset, LogSegment.TIME_INDEX_SUFFIX)));
    }

    private static long replayProducerState(List<LogSegment> segments, ProducerStateManager producerState,
                                            long fromOffset) throws IOException {
        long replayed = 0;
        for (LogSegment segment : segments) {
            if (segment.nextOffset() <= fromOffset) {
                continue;
            }
            int position = 0;
            while (position < segment.size()) {
                RecordBatchHeader header = segment.readHeader(position, segment.size());
                if (header == null) {
                    throw new IOException("Invalid batch header at position " + position + " of segment "
                            + segment.baseOffset() + " while rebuilding producer state");
                }
                if (header.baseOffset() >= fromOffset) {
                    producerState.replay(header);
                    replayed++;
                }
                position += header.sizeInBytes();
            }
        }
        return replayed;
    }

    /** Returns the base offsets of the directory's segment log files, in increasing order. */
    static List<Long> segmentBaseOffsets(Path dir) throws IOException {
        List<Long> offsets = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + LogSegment.LOG_SUFFIX)) {
            for (Path file : files) {
                Long offset = parseBaseOffset(file, LogSegment.LOG_SUFFIX);
                if (offset != null) {
                    offsets.add(offset);
                }
            }
        }
        Collections.sort(offsets);
        return offsets;
    }

    /** Deletes unfinished atomic writes and index files whose log file is gone. */
    private static void deleteLeftovers(Path dir, String logPrefix) throws IOException {
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                if (name.endsWith(AtomicFile.TEMP_SUFFIX)) {
                    leftovers.add(file);
                    continue;
                }
                for (String suffix : List.of(LogSegment.INDEX_SUFFIX, LogSegment.TIME_INDEX_SUFFIX)) {
                    Long offset = parseBaseOffset(file, suffix);
                    if (offset != null && !Files.exists(dir.resolve(LogSegment.fileName(offset, LogSegment.LOG_SUFFIX)))) {
                        leftovers.add(file);
                    }
                }
            }
        }
        for (Path file : leftovers) {
            LOG.info("{} Deleting leftover file {}", logPrefix, file.getFileName());
            Files.deleteIfExists(file);
        }
    }

    private static Long parseBaseOffset(Path file, String suffix) {
        String name = file.getFileName().toString();
        if (!name.endsWith(suffix) || name.length() != 20 + suffix.length()) {
            return null;
        }
        try {
            return Long.parseLong(name.substring(0, 20));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
