package io.tributary.storage;

import io.tributary.storage.file.AtomicFile;
import io.tributary.storage.file.FileSync;
import io.tributary.storage.file.OffsetCheckpointFile;
import io.tributary.storage.file.PartitionMetadataFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Owns every partition log of one data directory: loads and recovers them at start, creates and
 * deletes them, checkpoints recovery points, and shuts them down cleanly.
 *
 * <p>Files at the top of the data directory:
 * <ul>
 *   <li>{@value #LOCK_FILE}: locked while a manager has the directory open</li>
 *   <li>{@value #RECOVERY_CHECKPOINT_FILE}: per partition, the offset below which data and
 *       indexes are durable (an {@link OffsetCheckpointFile})</li>
 *   <li>{@value #LOG_START_OFFSET_CHECKPOINT_FILE}: per partition, the log start offset (an
 *       {@link OffsetCheckpointFile}), written before each raise takes effect and at close</li>
 *   <li>{@value #CLEAN_SHUTDOWN_FILE}: written last by {@link #close()}; when present at start, no
 *       batch is validated, and it is deleted once loading finished</li>
 *   <li>{@code <topic>-<partition>/}: one directory per partition; a name ending in
 *       {@value #DELETE_SUFFIX} marks a deleted partition whose files are removed at start</li>
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class LogManager implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LogManager.class);

    public static final String LOCK_FILE = ".lock";
    public static final String RECOVERY_CHECKPOINT_FILE = "recovery-point-offset-checkpoint";
    public static final String LOG_START_OFFSET_CHECKPOINT_FILE = "log-start-offset-checkpoint";
    public static final String CLEAN_SHUTDOWN_FILE = ".clean-shutdown";
    public static final String DELETE_SUFFIX = "-delete";

    /** Maximum length in bytes of a file name on Linux file systems (ext4, xfs, btrfs, tmpfs). */
    static final int MAX_FILE_NAME_LENGTH = 255;

    /** Default number of threads that force logs and run flush timers. */
    public static final int DEFAULT_FLUSH_THREADS = 4;
    /** Default milliseconds between two writes of the recovery point checkpoint. */
    public static final long DEFAULT_RECOVERY_CHECKPOINT_INTERVAL_MS = 60_000;

    private final Path dataDir;
    private final String logPrefix;
    private final FileSync fileSync;
    private final Clock clock;
    private final ScheduledThreadPoolExecutor executor;
    private final OffsetCheckpointFile recoveryCheckpoint;
    private final LogStartOffsetCheckpoint startOffsetCheckpoint;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Map<TopicPartition, Log> logs = new ConcurrentHashMap<>();
    private final Object createLock = new Object();
    private volatile RecoveryStats recoveryStats;
    private volatile boolean closed;

    private LogManager(Builder builder, FileChannel lockChannel, FileLock lock) {
        this.dataDir = builder.dataDir;
        this.logPrefix = "[LogManager " + builder.dataDir + "]";
        this.fileSync = builder.fileSync;
        this.clock = builder.clock;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.recoveryCheckpoint = new OffsetCheckpointFile(dataDir.resolve(RECOVERY_CHECKPOINT_FILE), fileSync);
        this.startOffsetCheckpoint = new LogStartOffsetCheckpoint(dataDir.resolve(LOG_START_OFFSET_CHECKPOINT_FILE),
                fileSync, logPrefix);
        AtomicInteger threadIndex = new AtomicInteger();
        this.executor = new ScheduledThreadPoolExecutor(builder.flushThreads, runnable -> {
            Thread thread = new Thread(runnable, "tributary-log-flusher-" + threadIndex.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.executor.setRemoveOnCancelPolicy(true);
    }

    /** Opens a data directory with the system {@link FileSync}, the system clock and {@code defaultConfig} for every topic. */
    public static LogManager open(Path dataDir, LogConfig defaultConfig) throws IOException {
        return builder(dataDir).defaultConfig(defaultConfig).open();
    }

    public static Builder builder(Path dataDir) {
        return new Builder(dataDir);
    }

    /** Options of {@link LogManager#open}; not thread-safe. */
    public static final class Builder {

        private final Path dataDir;
        private LogConfig defaultConfig = LogConfig.defaults();
        private Function<String, LogConfig> topicConfigs = topic -> null;
        private FileSync fileSync = FileSync.system();
        private Clock clock = Clock.systemUTC();
        private int flushThreads = DEFAULT_FLUSH_THREADS;
        private long recoveryCheckpointIntervalMs = DEFAULT_RECOVERY_CHECKPOINT_INTERVAL_MS;

        private Builder(Path dataDir) {
            this.dataDir = dataDir;
        }

        /** Sets the configuration of topics for which {@link #topicConfigs} returns null. */
        public Builder defaultConfig(LogConfig value) {
            this.defaultConfig = value;
            return this;
        }

        /** Sets the lookup of a topic's configuration while loading existing logs; null means the default. */
        public Builder topicConfigs(Function<String, LogConfig> value) {
            this.topicConfigs = value;
            return this;
        }

        public Builder fileSync(FileSync value) {
            this.fileSync = value;
            return this;
        }

        public Builder clock(Clock value) {
            this.clock = value;
            return this;
        }

        /** Sets the number of flusher threads, at least 1. */
        public Builder flushThreads(int value) {
            if (value < 1) {
                throw new IllegalArgumentException("Invalid flush thread count " + value + ": minimum is 1");
            }
            this.flushThreads = value;
            return this;
        }

        /** Sets the milliseconds between recovery point checkpoints, at least 1. */
        public Builder recoveryCheckpointIntervalMs(long value) {
            if (value < 1) {
                throw new IllegalArgumentException("Invalid recovery checkpoint interval " + value + " ms: minimum is 1");
            }
            this.recoveryCheckpointIntervalMs = value;
            return this;
        }

        /**
         * Locks the data directory, then loads and recovers every partition in it.
         *
         * @throws IOException if the directory is locked by another manager or a file cannot be read
         */
        public LogManager open() throws IOException {
            Files.createDirectories(dataDir);
            FileChannel lockChannel = FileChannel.open(dataDir.resolve(LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = lockChannel.tryLock();
            } catch (IOException | RuntimeException e) {
                lockChannel.close();
                throw e;
            }
            if (lock == null) {
                lockChannel.close();
                throw new IOException("Data directory " + dataDir + " is in use by another process");
            }
            LogManager manager = new LogManager(this, lockChannel, lock);
            try {
                manager.loadLogs(this);
            } catch (IOException | RuntimeException e) {
                manager.executor.shutdownNow();
                lock.release();
                lockChannel.close();
                throw e;
            }
            manager.executor.scheduleWithFixedDelay(manager::checkpointRecoveryPoints, recoveryCheckpointIntervalMs,
                    recoveryCheckpointIntervalMs, TimeUnit.MILLISECONDS);
            return manager;
        }
    }

    private void loadLogs(Builder builder) throws IOException {
        long start = System.nanoTime();
        Path cleanMarker = dataDir.resolve(CLEAN_SHUTDOWN_FILE);
        boolean clean = Files.exists(cleanMarker);
        Map<TopicPartition, Long> recoveryPoints = readRecoveryPoints();
        startOffsetCheckpoint.load();
        if (clean) {
            LOG.info("{} Loading logs after a clean shutdown", logPrefix);
        } else {
            LOG.info("{} Loading logs without a clean-shutdown marker (first start or unclean shutdown): "
                    + "segments after their recovery point are validated", logPrefix);
        }

        RecoveryCounters counters = new RecoveryCounters();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dataDir, Files::isDirectory)) {
            for (Path dir : entries) {
                String name = dir.getFileName().toString();
                if (name.endsWith(DELETE_SUFFIX)) {
                    LOG.info("{} Removing partition directory {} left by a delete", logPrefix, name);
                    deleteRecursively(dir);
                    continue;
                }
                TopicPartition topicPartition = TopicPartition.fromDirName(name);
                if (topicPartition == null) {
                    LOG.warn("{} Ignoring directory {}: the name is not <topic>-<partition>", logPrefix, name);
                    continue;
                }
                LogConfig config = Optional.ofNullable(builder.topicConfigs.apply(topicPartition.topic()))
                        .orElse(builder.defaultConfig);
                long recoveryPoint = clean ? -1 : recoveryPoints.getOrDefault(topicPartition, 0L);
                logs.put(topicPartition, loadLog(dir, topicPartition, config, recoveryPoint,
                        startOffsetCheckpoint.offset(topicPartition), false, counters));
                counters.logsLoaded.incrementAndGet();
            }
        }
        startOffsetCheckpoint.retainOnly(logs.keySet());

        if (clean) {
            Files.delete(cleanMarker);
            fileSync.syncDirectory(dataDir);
        }
        long durationMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        recoveryStats = counters.snapshot(clean, durationMs);
        LOG.info("{} Loaded {} logs with {} segments in {} ms: {} segments recovered, {} batches validated, "
                        + "{} bytes truncated, {} indexes rebuilt", logPrefix, recoveryStats.logsLoaded(),
                recoveryStats.segmentsLoaded(), durationMs, recoveryStats.segmentsRecovered(),
                recoveryStats.batchesValidated(), recoveryStats.bytesTruncated(), recoveryStats.indexesRebuilt());
    }

    private Map<TopicPartition, Long> readRecoveryPoints() {
        try {
            return recoveryCheckpoint.read();
        } catch (IOException e) {
            LOG.warn("{} Recovering every log from offset 0 because {} is unreadable: {}", logPrefix,
                    RECOVERY_CHECKPOINT_FILE, e.getMessage());
            return new HashMap<>();
        }
    }

    /** Creates a partition directory and returns true, or returns false if it exists already. */
    private static boolean createDirectory(Path dir) throws IOException {
        try {
            Files.createDirectory(dir);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /**
     * Reads the topic id of a partition directory. A new partition writes it without a force, and its first
     * flush forces it, so a crash before that flush can tear it. In a partition without records a torn file
     * is deleted and the log loads without a topic id, which the broker then assigns from its metadata. In
     * a partition with records a malformed file is an error.
     */
    private UUID readTopicId(Path dir, String prefix) throws IOException {
        PartitionMetadataFile file = new PartitionMetadataFile(dir, fileSync);
        try {
            return file.read().orElse(null);
        } catch (IOException e) {
            if (LogLoader.holdsRecords(dir)) {
                throw e;
            }
            LOG.warn("{} Deleting {} of a partition without records: {}", prefix, PartitionMetadataFile.FILE_NAME,
                    e.getMessage());
            Files.deleteIfExists(dir.resolve(PartitionMetadataFile.FILE_NAME));
            return null;
        }
    }

    private Log loadLog(Path dir, TopicPartition topicPartition, LogConfig config, long recoveryPoint,
                        long logStartOffset, boolean newDirectory, RecoveryCounters counters) throws IOException {
        String prefix = "[Log " + topicPartition + "]";
        UUID topicId = readTopicId(dir, prefix);
        LogLoader.LoadedLog loaded = LogLoader.load(dir, prefix, config, recoveryPoint, logStartOffset, fileSync,
                clock.millis(), counters);
        return new Log(dir, topicPartition, topicId, config, loaded, newDirectory, startOffsetCheckpoint, fileSync,
                clock, executor);
    }

    /**
     * Returns the log of a partition, creating its directory if needed.
     *
     * @param topicId topic id stored with a new log, or null
     * @throws IllegalStateException if the existing log has a different topic id
     * @throws IOException           if the directory or its files cannot be created
     */
    public Log getOrCreate(String topic, int partition, UUID topicId, LogConfig config) throws IOException {
        TopicPartition topicPartition = new TopicPartition(topic, partition);
        synchronized (createLock) {
            ensureOpen();
            Log existing = logs.get(topicPartition);
            if (existing != null) {
                if (topicId != null && existing.topicId() != null && !topicId.equals(existing.topicId())) {
                    throw new IllegalStateException("Partition " + topicPartition + " has topic id "
                            + existing.topicId() + " on disk, but " + topicId + " was requested");
                }
                return existing;
            }
            Path dir = dataDir.resolve(topicPartition.dirName());
            boolean created = createDirectory(dir);
            if (topicId != null) {
                new PartitionMetadataFile(dir, fileSync).writeUnsynced(topicId);
            }
            Log log;
            if (created) {
                String prefix = "[Log " + topicPartition + "]";
                log = new Log(dir, topicPartition, topicId, config,
                        LogLoader.createEmpty(dir, prefix, config, 0, fileSync, clock.millis()), true,
                        startOffsetCheckpoint, fileSync, clock, executor);
            } else {
                log = loadLog(dir, topicPartition, config, -1, 0, true, new RecoveryCounters());
            }
            logs.put(topicPartition, log);
            LOG.debug("{} Created log for partition {} {} and {}", logPrefix, topicPartition,
                    topicId == null ? "without a topic id" : "with topic id " + topicId, config);
            return log;
        }
    }

    public Optional<Log> log(String topic, int partition) {
        return Optional.ofNullable(logs.get(new TopicPartition(topic, partition)));
    }

    /** Returns a snapshot of the open logs. */
    public Collection<Log> logs() {
        return List.copyOf(logs.values());
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Deletes a partition: its directory is renamed to {@code <topic>-<partition>.<id>-delete} and the
     * data directory synced, so a crash at any later point leaves either the full log or a directory
     * the next start removes. Files are then deleted once no open slice reads them. The partition's
     * entry leaves the log start offset checkpoint, so a new partition of the same name starts at 0.
     * A topic name long enough to push the new name past the file system's 255-byte limit is cut
     * short in it.
     *
     * @return false if the partition has no log
     * @throws IOException if the rename fails; the partition's log then stays open and in place
     */
    public boolean delete(String topic, int partition) throws IOException {
        TopicPartition topicPartition = new TopicPartition(topic, partition);
        Log log;
        synchronized (createLock) {
            log = logs.get(topicPartition);
            if (log == null) {
                return false;
            }
            Path renamed = dataDir.resolve(deletedDirName(topicPartition));
            Files.move(log.dir(), renamed, StandardCopyOption.ATOMIC_MOVE);
            logs.remove(topicPartition);
            fileSync.syncDirectory(dataDir);
            log.markDeleted(renamed);
            dropLogStartOffset(topicPartition);
        }
        deleteUnreadFiles(log.dir());
        LOG.info("{} Deleted log of partition {}", logPrefix, topicPartition);
        return true;
    }

    private void dropLogStartOffset(TopicPartition topicPartition) {
        try {
            startOffsetCheckpoint.retainOnly(logs.keySet());
        } catch (IOException e) {
            LOG.error("{} Failed to drop deleted partition {} from {}; a new partition of that name created before "
                    + "the next checkpoint write could start at the old log start offset after a crash", logPrefix,
                    topicPartition, LOG_START_OFFSET_CHECKPOINT_FILE, e);
        }
    }

    /** Returns a unique name for a deleted partition's directory, at most {@value #MAX_FILE_NAME_LENGTH} characters. */
    static String deletedDirName(TopicPartition topicPartition) {
        String suffix = "." + UUID.randomUUID().toString().replace("-", "") + DELETE_SUFFIX;
        String base = topicPartition.dirName();
        if (base.length() + suffix.length() > MAX_FILE_NAME_LENGTH) {
            base = base.substring(0, MAX_FILE_NAME_LENGTH - suffix.length());
        }
        return base + suffix;
    }

    /** Deletes a renamed partition directory's files except segments still held by readers. */
    private void deleteUnreadFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".log") && !name.endsWith(".index") && !name.endsWith(".timeindex")) {
                    Files.deleteIfExists(file);
                }
            }
        }
        try (Stream<Path> remaining = Files.list(dir)) {
            if (remaining.findAny().isEmpty()) {
                Files.deleteIfExists(dir);
            }
        }
    }

    /** Returns the counts of the start-up load. */
    public RecoveryStats recoveryStats() {
        return recoveryStats;
    }

    /** Writes every log's durable offset to the recovery point checkpoint. */
    public void checkpointRecoveryPoints() {
        Map<TopicPartition, Long> points = new HashMap<>();
        for (Log log : logs.values()) {
            points.put(log.topicPartition(), log.durableOffset());
        }
        try {
            recoveryCheckpoint.write(points);
        } catch (IOException e) {
            LOG.error("{} Failed to write {}", logPrefix, RECOVERY_CHECKPOINT_FILE, e);
        }
    }

    /**
     * Flushes and closes every log, writes the recovery point and log start offset checkpoints and
     * then the clean-shutdown marker, so the next start validates no batch. The marker is not
     * written if a log failed.
     */
    @Override
    public void close() throws IOException {
        synchronized (createLock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        executor.shutdown();
        long start = System.nanoTime();
        Map<TopicPartition, Long> points = new HashMap<>();
        Map<TopicPartition, Long> startOffsets = new HashMap<>();
        boolean allClean = true;
        for (Log log : logs.values()) {
            try {
                points.put(log.topicPartition(), log.close());
                allClean &= !log.isOffline();
            } catch (IOException | RuntimeException e) {
                allClean = false;
                LOG.error("{} Failed to close log {}", logPrefix, log.topicPartition(), e);
            }
            // Read after close, which waits for a running raise of the log start offset
            startOffsets.put(log.topicPartition(), log.logStartOffset());
        }
        try {
            recoveryCheckpoint.write(points);
            startOffsetCheckpoint.writeAll(startOffsets);
            if (allClean) {
                new AtomicFile(dataDir.resolve(CLEAN_SHUTDOWN_FILE), fileSync).write("version: 0\n".getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            awaitExecutor();
            lock.release();
            lockChannel.close();
        }
        LOG.info("{} Closed {} logs in {} ms{}", logPrefix, points.size(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), allClean ? "" : " without a clean-shutdown marker");
    }

    private void awaitExecutor() {
        try {
            if (!executor.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("{} Flusher threads still running 10 s after shutdown", logPrefix);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException(logPrefix + " Log manager is closed");
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        }
    }
}
