package io.tributary.storage;

import io.tributary.storage.epoch.LeaderEpochCache;
import io.tributary.storage.file.AtomicFile;
import io.tributary.storage.file.FileSync;
import io.tributary.storage.file.PartitionMetadataFile;
import io.tributary.storage.segment.LogSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * Group commit for one log. At most one flush task per log runs at a time on the shared executor.
 * Each round first captures the log end offset. Outside the append lock it then syncs the
 * directories in which appends created entries, and forces the segments written since the last
 * round and the indexes of rolled segments. Finally it marks everything below the captured offset
 * durable. Appends that arrive during a force are served by the next round, so one force covers
 * many appends.
 *
 * <p>All fields are guarded by the log's lock.
 */
final class LogFlusher {

    private static final Logger LOG = LoggerFactory.getLogger(LogFlusher.class);

    private final Log log;
    private final TreeMap<Long, List<CompletableFuture<Void>>> waiters = new TreeMap<>();
    private final List<LogSegment> rolledSegments = new ArrayList<>();
    private volatile long durableOffset;
    private boolean flushScheduled;
    private boolean flushRequested;
    private boolean dirSyncPending;
    private boolean parentDirSyncPending;
    private long unflushedMessages;

    /**
     * @param durableOffset offset below which the loaded data is already durable
     * @param newDirectory  true if the partition directory was just created, so its own entry and
     *                      its content both need a sync before the first batch is durable
     */
    LogFlusher(Log log, long durableOffset, boolean newDirectory) {
        this.log = log;
        this.durableOffset = durableOffset;
        this.dirSyncPending = newDirectory;
        this.parentDirSyncPending = newDirectory;
    }

    long durableOffset() {
        return durableOffset;
    }

    /**
     * Requests a force of everything written so far. Starts a flush task unless one is already
     * scheduled, in which case that task runs one more round.
     */
    void requestFlush() {
        log.lock().lock();
        try {
            flushRequested = true;
            if (flushScheduled || log.isClosed() || log.offlineCause() != null) {
                return;
            }
            flushScheduled = true;
            try {
                log.executor().execute(this::run);
            } catch (RejectedExecutionException e) {
                flushScheduled = false;
                LOG.warn("{} Flush executor rejected a flush; the log is shutting down", log.logPrefix());
            }
        } finally {
            log.lock().unlock();
        }
    }

    /** Counts messages written without a force and requests one when {@code flushMessages} is reached. */
    void onUnflushedMessages(long messages, long flushMessages) {
        unflushedMessages += messages;
        if (unflushedMessages >= flushMessages) {
            requestFlush();
        }
    }

    /** Remembers a segment that stopped being active: its log and indexes need a final force. */
    void onRoll(LogSegment previous) {
        rolledSegments.add(previous);
        dirSyncPending = true;
    }

    CompletableFuture<Void> awaitDurable(long endOffset) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        log.lock().lock();
        try {
            if (endOffset <= durableOffset) {
                future.complete(null);
                return future;
            }
            StorageException offline = log.offlineCause();
            if (offline != null || log.isClosed()) {
                future.completeExceptionally(offline != null ? offline
                        : new StorageException(log.logPrefix() + " Log closed"));
                return future;
            }
            waiters.computeIfAbsent(endOffset, offset -> new ArrayList<>()).add(future);
        } finally {
            log.lock().unlock();
        }
        requestFlush();
        return future;
    }

    private void run() {
        while (true) {
            Round round = nextRound();
            if (round == null) {
                return;
            }
            try {
                round.force(log.fileSync());
            } catch (IOException | RuntimeException e) {
                log.lock().lock();
                try {
                    flushScheduled = false;
                } finally {
                    log.lock().unlock();
                }
                if (!log.isClosed()) {
                    log.markOffline(new StorageException(log.logPrefix() + " Failed to force the log up to offset "
                            + round.targetOffset, e));
                }
                return;
            }
            finishRound(round);
        }
    }

    /**
     * Captures the next round under the lock, or returns null and clears the scheduled flag when no
     * round is needed. Written data needs a round if a force was requested since the last round, a
     * caller waits for it, or every append must be forced. Created files and rolled segments always
     * need one.
     */
    private Round nextRound() {
        log.lock().lock();
        try {
            long target = log.logEndOffset();
            boolean dataNeedsForce = target > durableOffset
                    && (flushRequested || !waiters.isEmpty() || log.config().syncEveryAppend());
            boolean needed = dataNeedsForce || !rolledSegments.isEmpty() || dirSyncPending;
            flushRequested = false;
            if (!needed || log.isClosed() || log.offlineCause() != null) {
                flushScheduled = false;
                return null;
            }
            return captureRound(target);
        } finally {
            log.lock().unlock();
        }
    }

    private Round captureRound(long target) {
        List<LogSegment> rolled = new ArrayList<>(rolledSegments);
        rolledSegments.clear();
        Round round = new Round(target, rolled, log.activeSegment(), unflushedMessages,
                parentDirSyncPending ? log.dir().toAbsolutePath().getParent() : null,
                dirSyncPending ? log.dir() : null);
        dirSyncPending = false;
        parentDirSyncPending = false;
        return round;
    }

    private void finishRound(Round round) {
        List<CompletableFuture<Void>> completed = new ArrayList<>();
        boolean moved;
        log.lock().lock();
        try {
            durableOffset = Math.max(durableOffset, round.targetOffset);
            unflushedMessages = Math.max(0, unflushedMessages - round.unflushedMessages);
            moved = log.onDurable(durableOffset);
            Map<Long, List<CompletableFuture<Void>>> ready = waiters.headMap(durableOffset, true);
            ready.values().forEach(completed::addAll);
            ready.clear();
        } finally {
            log.lock().unlock();
        }
        for (CompletableFuture<Void> future : completed) {
            future.complete(null);
        }
        if (moved) {
            log.fireHighWatermark();
        }
    }

    /** Forces everything synchronously; the caller holds the log's lock. Used at close. */
    void flushAllNow() throws IOException {
        Round round = captureRound(log.logEndOffset());
        round.force(log.fileSync());
        round.active.flushIndexes(log.fileSync());
        finishRound(round);
    }

    void failWaiters(StorageException cause) {
        List<CompletableFuture<Void>> failed = new ArrayList<>();
        log.lock().lock();
        try {
            waiters.values().forEach(failed::addAll);
            waiters.clear();
        } finally {
            log.lock().unlock();
        }
        for (CompletableFuture<Void> future : failed) {
            future.completeExceptionally(cause);
        }
    }

    /** One flush round: what to force and the offset that becomes durable afterwards. */
    private record Round(long targetOffset, List<LogSegment> rolled, LogSegment active, long unflushedMessages,
                         Path parentDirToSync, Path dirToSync) {

        void force(FileSync fileSync) throws IOException {
            if (parentDirToSync != null) {
                fileSync.syncDirectory(parentDirToSync);
            }
            if (dirToSync != null) {
                // The files a new partition was created with, written without a force
                AtomicFile.forceIfExists(dirToSync.resolve(PartitionMetadataFile.FILE_NAME), fileSync);
                AtomicFile.forceIfExists(dirToSync.resolve(LeaderEpochCache.FILE_NAME), fileSync);
                fileSync.syncDirectory(dirToSync);
            }
            for (LogSegment segment : rolled) {
                // A segment below a raised log start offset may be closed already and needs no force
                if (!segment.retain()) {
                    continue;
                }
                try {
                    segment.flush(fileSync);
                    segment.flushIndexes(fileSync);
                } finally {
                    segment.release();
                }
            }
            active.flush(fileSync);
        }
    }
}
