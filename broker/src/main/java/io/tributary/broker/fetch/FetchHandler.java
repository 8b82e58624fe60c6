package io.tributary.broker.fetch;

import io.tributary.broker.PartitionLogs;
import io.tributary.broker.RequestContext;
import io.tributary.broker.metadata.MetadataStore;
import io.tributary.broker.metadata.TopicImage;
import io.tributary.broker.topic.TopicChangeListener;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.TopicIds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles Fetch: resolves the fetch session, reads the partitions and, when fewer than {@code minBytes}
 * are available and nothing failed, waits up to {@code maxWaitMs} for appends. The wait is woken by the
 * partition logs' high watermark listeners and by topic deletion, never by polling.
 *
 * <p>Top-level errors: FETCH_SESSION_ID_NOT_FOUND, INVALID_FETCH_SESSION_EPOCH, FETCH_SESSION_TOPIC_ID_ERROR.
 * Per-partition errors: see {@link FetchReader#read}.
 */
public final class FetchHandler implements TopicChangeListener, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FetchHandler.class);

    /** Fetch v13 and later name topics by id. */
    private static final short FIRST_VERSION_WITH_TOPIC_IDS = 13;

    private final FetchReader reader;
    private final FetchSessionCache sessions;
    private final ScheduledExecutorService scheduler;
    private final Set<DelayedFetch> waiting = ConcurrentHashMap.newKeySet();

    /**
     * @param reader    reads partitions
     * @param sessions  the fetch session cache
     * @param scheduler runs wake-up checks and timeouts of waiting fetches; owned by the caller
     */
    FetchHandler(FetchReader reader, FetchSessionCache sessions, ScheduledExecutorService scheduler) {
        this.reader = reader;
        this.sessions = sessions;
        this.scheduler = scheduler;
    }

    public static FetchHandler create(MetadataStore metadata, PartitionLogs logs, FetchSessionCache sessions,
                                      ScheduledExecutorService scheduler) {
        return new FetchHandler(new FetchReader(metadata, logs), sessions, scheduler);
    }

    public CompletableFuture<FetchResponse> handle(RequestContext context, FetchRequest request) {
        boolean usesTopicIds = context.header().apiVersion() >= FIRST_VERSION_WITH_TOPIC_IDS;
        List<PartitionFetch> requested = new ArrayList<>();
        for (FetchRequest.FetchTopic topic : request.topics()) {
            for (FetchRequest.FetchPartition partition : topic.partitions()) {
                requested.add(new PartitionFetch(key(usesTopicIds, topic.name(), topic.topicId(), partition.partition()),
                        partition.fetchOffset(), partition.partitionMaxBytes(), partition.currentLeaderEpoch()));
            }
        }
        List<PartitionKey> forgotten = new ArrayList<>();
        if (request.forgottenTopics() != null) {
            for (FetchRequest.ForgottenTopic topic : request.forgottenTopics()) {
                for (int partition : topic.partitions()) {
                    forgotten.add(key(usesTopicIds, topic.name(), topic.topicId(), partition));
                }
            }
        }

        FetchContext fetchContext = sessions.newContext(request.sessionId(), request.sessionEpoch(), usesTopicIds,
                requested, forgotten);
        if (fetchContext.kind() == FetchContext.Kind.SESSION_ERROR) {
            return CompletableFuture.completedFuture(new FetchResponse(0, fetchContext.error(), 0, List.of()));
        }

        FetchReader.ReadResult first = reader.read(fetchContext.partitions(), request.maxBytes());
        if (request.maxWaitMs() <= 0 || first.bytes() >= request.minBytes() || first.anyError()
                || fetchContext.partitions().isEmpty() || first.logs().isEmpty()) {
            return CompletableFuture.completedFuture(respond(fetchContext, first));
        }
        return waitForData(fetchContext, request, first);
    }

    private CompletableFuture<FetchResponse> waitForData(FetchContext fetchContext, FetchRequest request,
                                                         FetchReader.ReadResult first) {
        DelayedFetch delayed = new DelayedFetch(first.logs(), () -> {
            FetchReader.ReadResult now = reader.read(fetchContext.partitions(), request.maxBytes());
            now.release();
            return now.bytes() >= request.minBytes() || now.anyError();
        }, scheduler);
        waiting.add(delayed);
        CompletableFuture<FetchResponse> response = delayed.completion().thenApplyAsync(ignored -> {
            waiting.remove(delayed);
            return respond(fetchContext, reader.read(fetchContext.partitions(), request.maxBytes()));
        }, scheduler);
        try {
            delayed.start(scheduler.schedule(delayed::forceComplete, request.maxWaitMs(), TimeUnit.MILLISECONDS));
        } catch (RejectedExecutionException e) {
            // The broker is shutting down, so respond with the data already read.
            waiting.remove(delayed);
            return CompletableFuture.completedFuture(respond(fetchContext, first));
        }
        first.release();
        return response;
    }

    /** Completes every waiting fetch that reads a partition of the deleted topic. */
    @Override
    public void onTopicDeleted(TopicImage topic) {
        for (DelayedFetch delayed : waiting) {
            boolean affected = delayed.logs().stream()
                    .anyMatch(partitionLog -> Objects.equals(partitionLog.topicId(), topic.topicId()));
            if (affected) {
                delayed.forceComplete();
            }
        }
    }

    /** Completes every waiting fetch, for shutdown. */
    @Override
    public void close() {
        for (DelayedFetch delayed : waiting) {
            delayed.forceComplete();
        }
    }

    /** Returns the number of fetches waiting for data. */
    public int waitingCount() {
        return waiting.size();
    }

    /** Builds the response, which owns the file slices it carries; the slices it leaves out are released. */
    private static FetchResponse respond(FetchContext fetchContext, FetchReader.ReadResult read) {
        FetchContext.Result result = fetchContext.finish(read.partitions());
        for (Map.Entry<PartitionKey, FetchResponse.PartitionData> entry : read.partitions().entrySet()) {
            if (result.partitions().get(entry.getKey()) != entry.getValue()) {
                entry.getValue().records().release();
            }
        }
        Map<PartitionKey, List<FetchResponse.PartitionData>> byTopic = new LinkedHashMap<>();
        for (Map.Entry<PartitionKey, FetchResponse.PartitionData> entry : result.partitions().entrySet()) {
            PartitionKey topicKey = new PartitionKey(entry.getKey().topicId(), entry.getKey().topic(), -1);
            byTopic.computeIfAbsent(topicKey, k -> new ArrayList<>()).add(entry.getValue());
        }
        List<FetchResponse.FetchableTopic> topics = new ArrayList<>();
        for (Map.Entry<PartitionKey, List<FetchResponse.PartitionData>> entry : byTopic.entrySet()) {
            topics.add(new FetchResponse.FetchableTopic(entry.getKey().topic(), entry.getKey().topicId(),
                    entry.getValue()));
        }
        if (log.isTraceEnabled()) {
            log.trace("[Fetch] Session {} responded with {} of {} partitions", result.sessionId(),
                    result.partitions().size(), read.partitions().size());
        }
        return new FetchResponse(0, ErrorCode.NONE, result.sessionId(), topics);
    }

    private static PartitionKey key(boolean usesTopicIds, String name, UUID topicId, int partition) {
        return usesTopicIds ? PartitionKey.byId(topicId == null ? TopicIds.ZERO : topicId, partition)
                : PartitionKey.byName(name, partition);
    }
}
