package io.tributary.broker.group;

import io.tributary.broker.RequestContext;
import io.tributary.broker.TopicIdResolver;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetCommitResponse;
import io.tributary.protocol.message.OffsetFetchRequest;
import io.tributary.protocol.message.OffsetFetchResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offsets half of the coordinator: OffsetCommit and OffsetFetch over an {@link OffsetCache} that an
 * {@link OffsetLog} makes durable.
 *
 * <p>Thread-safe.
 */
final class OffsetManager {

    private static final Logger log = LoggerFactory.getLogger(OffsetManager.class);

    /** The offset of a partition without a committed offset in an OffsetFetch response. */
    static final long NO_OFFSET = -1L;
    /** The metadata of a partition without a committed offset in an OffsetFetch response. */
    static final String NO_METADATA = "";
    /** The first OffsetCommit and OffsetFetch version that names topics by id. */
    static final short TOPIC_ID_MIN_VERSION = 10;
    /** The first OffsetCommit version that returns GROUP_ID_NOT_FOUND for an unknown group. */
    static final short GROUP_ID_NOT_FOUND_MIN_VERSION = 9;

    private final GroupConfig config;
    private final GroupTimer timer;
    private final TopicIdResolver topicIds;
    private final OffsetLog offsetLog;
    private final OffsetCache cache = new OffsetCache();
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private final ReadWriteLock closeLock = new ReentrantReadWriteLock();
    private boolean closed;

    OffsetManager(GroupConfig config, GroupTimer timer, TopicIdResolver topicIds, OffsetLog offsetLog) {
        this.config = config;
        this.timer = timer;
        this.topicIds = topicIds;
        this.offsetLog = offsetLog;
    }

    /** Rebuilds the cache from the offset log; returns the number of stored commits read. */
    long load() throws IOException {
        long[] count = new long[1];
        offsetLog.replay((key, value, position) -> {
            cache.load(key, value, position);
            count[0]++;
        });
        return count[0];
    }

    boolean hasOffsets(String groupId) {
        return cache.hasOffsets(groupId);
    }

    /** Returns the visible committed offset, or null; for tests and tools. */
    CommittedOffset committed(String groupId, String topic, int partition) {
        return cache.get(groupId, new TopicPartition(topic, partition));
    }

    /**
     * Writes the valid partitions of an OffsetCommit whose group checks passed. Partitions with metadata
     * over {@code offset.metadata.max.bytes} get OFFSET_METADATA_TOO_LARGE and unknown topic ids (v10)
     * UNKNOWN_TOPIC_ID; the others get NONE once durable, or COORDINATOR_NOT_AVAILABLE if the write failed.
     */
    CompletableFuture<OffsetCommitResponse> commit(RequestContext context, OffsetCommitRequest request) {
        boolean byTopicId = context.header().apiVersion() >= TOPIC_ID_MIN_VERSION;
        long now = timer.milliseconds();
        Map<TopicPartition, CommittedOffset> commits = new LinkedHashMap<>();
        List<PartitionResult> results = new ArrayList<>();
        for (OffsetCommitRequest.Topic topic : request.topics()) {
            String name = byTopicId ? resolveName(topic.topicId(), topic.name()) : topic.name();
            UUID topicId = topic.topicId();
            for (OffsetCommitRequest.Partition partition : topic.partitions()) {
                ErrorCode error = ErrorCode.NONE;
                if (name == null) {
                    error = ErrorCode.UNKNOWN_TOPIC_ID;
                } else if (partition.metadata() != null
                        && partition.metadata().length() > config.offsetMetadataMaxBytes()) {
                    error = ErrorCode.OFFSET_METADATA_TOO_LARGE;
                } else {
                    commits.put(new TopicPartition(name, partition.partition()), new CommittedOffset(
                            partition.committedOffset(), partition.committedLeaderEpoch(), partition.metadata(), now));
                }
                results.add(new PartitionResult(topic.name(), topicId, partition.partition(), error));
            }
        }
        if (commits.isEmpty()) {
            return CompletableFuture.completedFuture(commitResponse(results, ErrorCode.NONE));
        }
        return write(request.groupId(), commits)
                .thenApply(error -> commitResponse(results, error));
    }

    /** Writes the commits and returns the error for the partitions written: NONE once durable. */
    private CompletableFuture<ErrorCode> write(String groupId, Map<TopicPartition, CommittedOffset> commits) {
        closeLock.readLock().lock();
        try {
            if (closed) {
                return CompletableFuture.completedFuture(ErrorCode.COORDINATOR_NOT_AVAILABLE);
            }
            return cache.beginWrite(groupId, commits.keySet(), () -> startWrite(groupId, commits));
        } finally {
            closeLock.readLock().unlock();
        }
    }

    /**
     * Deletes the offsets of a group that were committed at or before {@code cutoffMs}, with tombstones.
     *
     * @return the number of offsets deleted, once the tombstones are durable
     */
    CompletableFuture<Integer> expire(String groupId, long cutoffMs) {
        closeLock.readLock().lock();
        try {
            if (closed) {
                return CompletableFuture.completedFuture(0);
            }
            CompletableFuture<Integer> deleted = cache.beginExpiry(groupId, cutoffMs, expired -> {
                Map<TopicPartition, CommittedOffset> tombstones = new LinkedHashMap<>();
                expired.forEach(partition -> tombstones.put(partition, null));
                return startWrite(groupId, tombstones)
                        .thenApply(error -> error == ErrorCode.NONE ? expired.size() : 0);
            });
            return deleted == null ? CompletableFuture.completedFuture(0) : deleted;
        } finally {
            closeLock.readLock().unlock();
        }
    }

    /**
     * Deletes the group's committed offsets of the partitions that {@code selected} accepts, with tombstones.
     *
     * @return NONE once the tombstones are durable or if no offset was selected, COORDINATOR_NOT_AVAILABLE
     *         if the write failed or the coordinator is closing
     */
    CompletableFuture<ErrorCode> delete(String groupId, Predicate<TopicPartition> selected) {
        closeLock.readLock().lock();
        try {
            if (closed) {
                return CompletableFuture.completedFuture(ErrorCode.COORDINATOR_NOT_AVAILABLE);
            }
            CompletableFuture<ErrorCode> written = cache.beginDelete(groupId, selected, partitions -> {
                Map<TopicPartition, CommittedOffset> tombstones = new LinkedHashMap<>();
                partitions.forEach(partition -> tombstones.put(partition, null));
                return startWrite(groupId, tombstones);
            });
            return written == null ? CompletableFuture.completedFuture(ErrorCode.NONE) : written;
        } finally {
            closeLock.readLock().unlock();
        }
    }

    /** Appends the values (null: deleted) and updates the cache once they are durable. */
    private CompletableFuture<ErrorCode> startWrite(String groupId, Map<TopicPartition, CommittedOffset> values) {
        Map<OffsetKey, CommittedOffset> records = new LinkedHashMap<>();
        values.forEach((partition, value) -> records.put(
                new OffsetKey(groupId, partition.topic(), partition.partition()), value));
        CompletableFuture<Long> append;
        try {
            append = offsetLog.append(groupId, records);
        } catch (RuntimeException e) {
            append = CompletableFuture.failedFuture(e);
        }
        // The cache is updated inside this stage, so waiting for it (at close) waits for the update too.
        CompletableFuture<ErrorCode> applied = append.handle((position, failure) -> apply(groupId, values,
                position, failure));
        inFlight.add(applied);
        applied.whenComplete((error, failure) -> inFlight.remove(applied));
        return applied;
    }

    /** Returns the ids of the groups with committed offsets. */
    Set<String> groupIds() {
        return cache.groupIds();
    }

    private ErrorCode apply(String groupId, Map<TopicPartition, CommittedOffset> commits, Long position,
                            Throwable failure) {
        if (failure != null) {
            cache.complete(groupId, commits, -1);
            log.warn("[GroupCoordinator] Failed to store {} offsets of group {}, so the request gets "
                    + "COORDINATOR_NOT_AVAILABLE and the client retries", commits.size(), groupId, failure);
            return ErrorCode.COORDINATOR_NOT_AVAILABLE;
        }
        cache.complete(groupId, commits, position);
        return ErrorCode.NONE;
    }

    private record PartitionResult(String topic, UUID topicId, int partition, ErrorCode error) {
    }

    /** Builds a response with {@code writeError} for the partitions that passed validation. */
    private static OffsetCommitResponse commitResponse(List<PartitionResult> results, ErrorCode writeError) {
        Map<String, OffsetCommitResponse.Topic> topics = new LinkedHashMap<>();
        for (PartitionResult result : results) {
            String topicKey = result.topic() + "/" + result.topicId();
            OffsetCommitResponse.Topic topic = topics.computeIfAbsent(topicKey,
                    key -> new OffsetCommitResponse.Topic(result.topic(), result.topicId(), new ArrayList<>()));
            ErrorCode error = result.error() == ErrorCode.NONE ? writeError : result.error();
            topic.partitions().add(new OffsetCommitResponse.Partition(result.partition(), error));
        }
        return new OffsetCommitResponse(0, new ArrayList<>(topics.values()));
    }

    /** Returns a response that gives every partition of the request the same error. */
    static OffsetCommitResponse commitError(OffsetCommitRequest request, ErrorCode error) {
        List<OffsetCommitResponse.Topic> topics = new ArrayList<>();
        for (OffsetCommitRequest.Topic topic : request.topics()) {
            List<OffsetCommitResponse.Partition> partitions = new ArrayList<>();
            for (OffsetCommitRequest.Partition partition : topic.partitions()) {
                partitions.add(new OffsetCommitResponse.Partition(partition.partition(), error));
            }
            topics.add(new OffsetCommitResponse.Topic(topic.name(), topic.topicId(), partitions));
        }
        return new OffsetCommitResponse(0, topics);
    }

    /**
     * Reads the committed offsets of one group. A null topic list reads every committed partition.
     * Partitions without a committed offset, and every partition of an unknown group, get offset -1
     * with error NONE. With {@code requireStable}, a partition whose commit is still being written gets
     * UNSTABLE_OFFSET_COMMIT; from v10 a topic id that names no topic gets UNKNOWN_TOPIC_ID.
     */
    OffsetFetchResponse.Group fetch(RequestContext context, OffsetFetchRequest.Group request, boolean requireStable) {
        boolean byTopicId = context.header().apiVersion() >= TOPIC_ID_MIN_VERSION;
        String groupId = request.groupId();
        List<OffsetFetchResponse.Topic> topics = new ArrayList<>();
        if (request.topics() == null) {
            Map<String, List<OffsetFetchResponse.Partition>> byTopic = new LinkedHashMap<>();
            cache.offsets(groupId).forEach((partition, value) -> byTopic
                    .computeIfAbsent(partition.topic(), name -> new ArrayList<>())
                    .add(fetchPartition(groupId, partition, requireStable)));
            byTopic.forEach((name, partitions) -> {
                UUID topicId = byTopicId ? topicIds.topicId(name).orElse(null) : null;
                if (!byTopicId || topicId != null) {
                    // NOTE: v10 names topics by id only, so offsets of a deleted topic are left out.
                    topics.add(new OffsetFetchResponse.Topic(name, topicId, partitions));
                }
            });
            return new OffsetFetchResponse.Group(groupId, ErrorCode.NONE, topics);
        }
        for (OffsetFetchRequest.Topic topic : request.topics()) {
            String name = byTopicId ? resolveName(topic.topicId(), topic.name()) : topic.name();
            List<OffsetFetchResponse.Partition> partitions = new ArrayList<>();
            for (int partition : topic.partitions()) {
                partitions.add(name == null
                        ? new OffsetFetchResponse.Partition(partition, NO_OFFSET, -1, NO_METADATA,
                                ErrorCode.UNKNOWN_TOPIC_ID)
                        : fetchPartition(groupId, new TopicPartition(name, partition), requireStable));
            }
            topics.add(new OffsetFetchResponse.Topic(topic.name(), topic.topicId(), partitions));
        }
        return new OffsetFetchResponse.Group(groupId, ErrorCode.NONE, topics);
    }

    private OffsetFetchResponse.Partition fetchPartition(String groupId, TopicPartition partition,
                                                         boolean requireStable) {
        if (requireStable && cache.isPending(groupId, partition)) {
            return new OffsetFetchResponse.Partition(partition.partition(), NO_OFFSET, -1, NO_METADATA,
                    ErrorCode.UNSTABLE_OFFSET_COMMIT);
        }
        CommittedOffset value = cache.get(groupId, partition);
        if (value == null) {
            return new OffsetFetchResponse.Partition(partition.partition(), NO_OFFSET, -1, NO_METADATA,
                    ErrorCode.NONE);
        }
        return new OffsetFetchResponse.Partition(partition.partition(), value.offset(), value.leaderEpoch(),
                value.metadata() == null ? NO_METADATA : value.metadata(), ErrorCode.NONE);
    }

    private String resolveName(UUID topicId, String fallbackName) {
        if (topicId == null) {
            return fallbackName;
        }
        Optional<String> name = topicIds.topicName(topicId);
        return name.orElse(null);
    }

    /**
     * Stops accepting commits, waits up to {@code timeoutMs} for the writes in flight, then writes a
     * checkpoint if every write finished, and closes the offset log.
     */
    void close(long timeoutMs) throws IOException {
        closeLock.writeLock().lock();
        try {
            closed = true;
        } finally {
            closeLock.writeLock().unlock();
        }
        boolean drained = awaitInFlight(timeoutMs);
        try {
            if (drained) {
                Map<OffsetKey, CommittedOffset> snapshot = cache.snapshot();
                offsetLog.checkpoint(snapshot);
                log.info("[GroupCoordinator] Wrote an offsets checkpoint with {} committed offsets", snapshot.size());
            } else {
                log.warn("[GroupCoordinator] Offset writes still in flight after {} ms, so no checkpoint is written "
                        + "and the next start replays the whole offsets log", timeoutMs);
            }
        } finally {
            offsetLog.close();
        }
    }

    private boolean awaitInFlight(long timeoutMs) {
        CompletableFuture<?>[] pending = inFlight.toArray(new CompletableFuture<?>[0]);
        try {
            CompletableFuture.allOf(pending).get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        } catch (ExecutionException e) {
            // A failed write is not in the log and not in the cache, so the checkpoint is still exact.
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
