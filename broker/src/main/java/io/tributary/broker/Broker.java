package io.tributary.broker;

import io.tributary.broker.cluster.DescribeAclsHandler;
import io.tributary.broker.cluster.DescribeClusterHandler;
import io.tributary.broker.cluster.MetadataHandler;
import io.tributary.broker.config.TopicConfigs;
import io.tributary.broker.fetch.FetchHandler;
import io.tributary.broker.fetch.FetchSessionCache;
import io.tributary.broker.fetch.ListOffsetsHandler;
import io.tributary.broker.fetch.OffsetForLeaderEpochHandler;
import io.tributary.broker.metadata.MetadataImage;
import io.tributary.broker.metadata.MetadataStore;
import io.tributary.broker.produce.InitProducerIdHandler;
import io.tributary.broker.produce.ProduceHandler;
import io.tributary.broker.produce.ProducerIdManager;
import io.tributary.broker.topic.AlterConfigsHandler;
import io.tributary.broker.topic.CreatePartitionsHandler;
import io.tributary.broker.topic.CreateTopicsHandler;
import io.tributary.broker.topic.DeleteRecordsHandler;
import io.tributary.broker.topic.DeleteTopicsHandler;
import io.tributary.broker.topic.DescribeConfigsHandler;
import io.tributary.broker.topic.TopicManager;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.AlterConfigsRequest;
import io.tributary.protocol.message.ApiRequest;
import io.tributary.protocol.message.ApiResponse;
import io.tributary.protocol.message.ApiVersionsRequest;
import io.tributary.protocol.message.ApiVersionsResponse;
import io.tributary.protocol.message.CreatePartitionsRequest;
import io.tributary.protocol.message.CreateTopicsRequest;
import io.tributary.protocol.message.DeleteRecordsRequest;
import io.tributary.protocol.message.DeleteGroupsRequest;
import io.tributary.protocol.message.DeleteTopicsRequest;
import io.tributary.protocol.message.DescribeAclsRequest;
import io.tributary.protocol.message.DescribeClusterRequest;
import io.tributary.protocol.message.DescribeConfigsRequest;
import io.tributary.protocol.message.DescribeGroupsRequest;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FindCoordinatorRequest;
import io.tributary.protocol.message.FindCoordinatorResponse;
import io.tributary.protocol.message.HeartbeatRequest;
import io.tributary.protocol.message.IncrementalAlterConfigsRequest;
import io.tributary.protocol.message.InitProducerIdRequest;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.LeaveGroupRequest;
import io.tributary.protocol.message.ListGroupsRequest;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetDeleteRequest;
import io.tributary.protocol.message.OffsetFetchRequest;
import io.tributary.protocol.message.OffsetForLeaderEpochRequest;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.SyncGroupRequest;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import io.tributary.storage.file.FileSync;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker: owns the topic metadata, the partition logs, the fetch sessions and the group coordinator, and
 * routes each decoded request to its handler.
 *
 * <p>{@link #dispatch} never throws: a handler that fails unexpectedly yields a response of the request's API
 * whose every entry carries UNKNOWN_SERVER_ERROR, and a log line with the API, correlation id, client id and
 * connection id. FindCoordinator for transactional ids is answered here with INVALID_REQUEST (transactions are
 * not implemented, and kafka-clients treats the code as fatal so {@code initTransactions()} fails at once);
 * group keys go to the {@link GroupApi}.
 *
 * <p>Thread-safe: connections call {@code dispatch} concurrently.
 */
public final class Broker implements RequestDispatcher, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Broker.class);

    private final BrokerConfig config;
    private final MetadataStore metadata;
    private final LogManager logManager;
    private final GroupApi group;
    private final ScheduledExecutorService scheduler;

    private final MetadataHandler metadataHandler;
    private final DescribeClusterHandler describeClusterHandler;
    private final CreateTopicsHandler createTopicsHandler;
    private final CreatePartitionsHandler createPartitionsHandler;
    private final DeleteTopicsHandler deleteTopicsHandler;
    private final DescribeConfigsHandler describeConfigsHandler;
    private final ProduceHandler produceHandler;
    private final InitProducerIdHandler initProducerIdHandler;
    private final FetchHandler fetchHandler;
    private final ListOffsetsHandler listOffsetsHandler;
    private final OffsetForLeaderEpochHandler offsetForLeaderEpochHandler;
    private final DeleteRecordsHandler deleteRecordsHandler;
    private final AlterConfigsHandler alterConfigsHandler;
    private final DescribeAclsHandler describeAclsHandler;

    private Broker(BrokerConfig config, MetadataStore metadata, LogManager logManager, GroupApiFactory groupFactory,
                   Clock clock) {
        this.config = config;
        this.metadata = metadata;
        this.logManager = logManager;
        TopicConfigs topicConfigs = new TopicConfigs(config.logDefaults());
        PartitionLogs logs = new PartitionLogs(logManager, topicConfigs);
        TopicManager topics = new TopicManager(config, metadata, logs);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "tributary-delayed-fetch");
            thread.setDaemon(true);
            return thread;
        });
        FetchSessionCache sessions = new FetchSessionCache(config.fetchSessionCacheSlots(),
                FetchSessionCache.DEFAULT_EVICTION_MIN_AGE_MS, clock);

        this.metadataHandler = new MetadataHandler(config, metadata, topics);
        this.describeClusterHandler = new DescribeClusterHandler(config);
        this.createTopicsHandler = new CreateTopicsHandler(topics, topicConfigs);
        this.createPartitionsHandler = new CreatePartitionsHandler(topics);
        this.deleteTopicsHandler = new DeleteTopicsHandler(metadata, topics);
        this.describeConfigsHandler = new DescribeConfigsHandler(config, metadata, topicConfigs);
        this.produceHandler = new ProduceHandler(metadata, logs, clock);
        this.initProducerIdHandler = new InitProducerIdHandler(new ProducerIdManager(metadata));
        this.fetchHandler = FetchHandler.create(metadata, logs, sessions, scheduler);
        this.listOffsetsHandler = new ListOffsetsHandler(metadata, logs);
        this.offsetForLeaderEpochHandler = new OffsetForLeaderEpochHandler(metadata, logs);
        this.deleteRecordsHandler = new DeleteRecordsHandler(metadata, logs);
        this.alterConfigsHandler = new AlterConfigsHandler(config, topics, topicConfigs);
        this.describeAclsHandler = new DescribeAclsHandler();
        topics.addListener(fetchHandler);
        this.group = Objects.requireNonNull(groupFactory.create(config, logManager, metadata), "group coordinator");
    }

    /**
     * Opens the metadata and storage in {@link BrokerConfig#dataDir()}, brings the partition logs in line with
     * the metadata, and creates the group coordinator.
     *
     * @throws IOException if the metadata log or storage cannot be opened
     */
    public static Broker start(BrokerConfig config, GroupApiFactory groupFactory) throws IOException {
        return start(config, groupFactory, Clock.systemUTC());
    }

    /** Like {@link #start(BrokerConfig, GroupApiFactory)}, with the clock used for timestamps and sessions. */
    public static Broker start(BrokerConfig config, GroupApiFactory groupFactory, Clock clock) throws IOException {
        return start(config, groupFactory, clock, FileSync.system());
    }

    /**
     * Like {@link #start(BrokerConfig, GroupApiFactory, Clock)}, with the seam through which storage forces
     * every file and directory; tests pass one that counts or blocks forces.
     */
    public static Broker start(BrokerConfig config, GroupApiFactory groupFactory, Clock clock, FileSync fileSync)
            throws IOException {
        MetadataStore metadata = MetadataStore.open(config.dataDir());
        LogManager logManager = null;
        try {
            TopicConfigs topicConfigs = new TopicConfigs(config.logDefaults());
            LogConfig defaults = LogConfig.fromMap(topicConfigs.resolve(Map.of()).values(), LogConfig.defaults());
            MetadataImage image = metadata.image();
            PartitionLogs.Settings settings = new PartitionLogs.Settings(topicConfigs);
            logManager = LogManager.builder(config.dataDir())
                    .defaultConfig(defaults)
                    .topicConfigs(topic -> image.topic(topic).map(settings::logConfig).orElse(null))
                    .clock(clock)
                    .fileSync(fileSync)
                    .open();
            new PartitionLogs(logManager, topicConfigs).reconcile(image);
            Broker broker = new Broker(config, metadata, logManager, groupFactory, clock);
            log.info("[Broker {}] Started with cluster id {}, {} topics, data directory {}", config.nodeId(),
                    config.clusterId(), metadata.image().topics().size(), config.dataDir());
            return broker;
        } catch (IOException | RuntimeException e) {
            closeQuietly(logManager);
            closeQuietly(metadata);
            throw e;
        }
    }

    public BrokerConfig config() {
        return config;
    }

    /** Returns the topic metadata, which also resolves topic names and ids. */
    public MetadataStore metadata() {
        return metadata;
    }

    public LogManager logManager() {
        return logManager;
    }

    /** Returns the number of fetches waiting for data. */
    public int waitingFetches() {
        return fetchHandler.waitingCount();
    }

    /**
     * {@inheritDoc}
     *
     * <p>A request type without a handler (which the protocol module never decodes) yields a failed future,
     * because no response of its API can be built.
     */
    @Override
    public CompletableFuture<ApiResponse> dispatch(RequestContext context, ApiRequest request) {
        CompletableFuture<? extends ApiResponse> response;
        try {
            response = route(context, request);
        } catch (RuntimeException e) {
            return unexpected(context, request, e);
        }
        return response.handle((result, failure) -> failure == null
                ? CompletableFuture.<ApiResponse>completedFuture(result)
                : unexpected(context, request, failure)).thenCompose(future -> future);
    }

    private CompletableFuture<? extends ApiResponse> route(RequestContext context, ApiRequest request) {
        if (request instanceof ProduceRequest produce) {
            return produceHandler.handle(context, produce);
        }
        if (request instanceof FetchRequest fetch) {
            return fetchHandler.handle(context, fetch);
        }
        if (request instanceof ListOffsetsRequest listOffsets) {
            return done(listOffsetsHandler.handle(listOffsets));
        }
        if (request instanceof MetadataRequest metadataRequest) {
            return done(metadataHandler.handle(metadataRequest));
        }
        if (request instanceof ApiVersionsRequest) {
            // The protocol module fills the version ranges from its table.
            return done(new ApiVersionsResponse(ErrorCode.NONE, List.of(), 0));
        }
        if (request instanceof CreateTopicsRequest createTopics) {
            return done(createTopicsHandler.handle(createTopics));
        }
        if (request instanceof DeleteTopicsRequest deleteTopics) {
            return done(deleteTopicsHandler.handle(deleteTopics));
        }
        if (request instanceof CreatePartitionsRequest createPartitions) {
            return done(createPartitionsHandler.handle(createPartitions));
        }
        if (request instanceof DescribeConfigsRequest describeConfigs) {
            return done(describeConfigsHandler.handle(describeConfigs));
        }
        if (request instanceof DescribeClusterRequest describeCluster) {
            return done(describeClusterHandler.handle(describeCluster));
        }
        if (request instanceof InitProducerIdRequest initProducerId) {
            return done(initProducerIdHandler.handle(initProducerId));
        }
        if (request instanceof OffsetForLeaderEpochRequest epochs) {
            return done(offsetForLeaderEpochHandler.handle(epochs));
        }
        if (request instanceof DeleteRecordsRequest deleteRecords) {
            return done(deleteRecordsHandler.handle(deleteRecords));
        }
        if (request instanceof IncrementalAlterConfigsRequest alter) {
            return done(alterConfigsHandler.handle(alter));
        }
        if (request instanceof AlterConfigsRequest alter) {
            return done(alterConfigsHandler.handle(alter));
        }
        if (request instanceof DescribeAclsRequest describeAcls) {
            return done(describeAclsHandler.handle(describeAcls));
        }
        return routeGroup(context, request);
    }

    private CompletableFuture<? extends ApiResponse> routeGroup(RequestContext context, ApiRequest request) {
        if (request instanceof FindCoordinatorRequest find) {
            if (find.keyType() == FindCoordinatorRequest.KEY_TYPE_TRANSACTION) {
                return done(transactionCoordinatorUnavailable(find));
            }
            return group.findCoordinator(context, find);
        }
        if (request instanceof JoinGroupRequest join) {
            return group.joinGroup(context, join);
        }
        if (request instanceof SyncGroupRequest sync) {
            return group.syncGroup(context, sync);
        }
        if (request instanceof HeartbeatRequest heartbeat) {
            return group.heartbeat(context, heartbeat);
        }
        if (request instanceof LeaveGroupRequest leave) {
            return group.leaveGroup(context, leave);
        }
        if (request instanceof OffsetCommitRequest commit) {
            return group.offsetCommit(context, commit);
        }
        if (request instanceof OffsetFetchRequest fetch) {
            return group.offsetFetch(context, fetch);
        }
        if (request instanceof ListGroupsRequest list) {
            return group.listGroups(context, list);
        }
        if (request instanceof DescribeGroupsRequest describe) {
            return group.describeGroups(context, describe);
        }
        if (request instanceof DeleteGroupsRequest delete) {
            return group.deleteGroups(context, delete);
        }
        if (request instanceof OffsetDeleteRequest offsetDelete) {
            return group.offsetDelete(context, offsetDelete);
        }
        throw new IllegalArgumentException("No handler for request type " + request.getClass().getSimpleName());
    }

    private static FindCoordinatorResponse transactionCoordinatorUnavailable(FindCoordinatorRequest request) {
        List<FindCoordinatorResponse.Coordinator> coordinators = new ArrayList<>();
        for (String key : request.keys()) {
            coordinators.add(new FindCoordinatorResponse.Coordinator(key, -1, "", -1, ErrorCode.INVALID_REQUEST,
                    InitProducerIdHandler.TRANSACTIONS_UNSUPPORTED));
        }
        return new FindCoordinatorResponse(0, coordinators);
    }

    private CompletableFuture<ApiResponse> unexpected(RequestContext context, ApiRequest request, Throwable failure) {
        log.error("[Broker {}] Unexpected failure handling {} v{} with correlation id {} from client {} on connection {}",
                config.nodeId(), context.header().apiKey(), context.header().apiVersion(),
                context.header().correlationId(), context.header().clientId(), context.connectionId(), failure);
        try {
            return CompletableFuture.completedFuture(ErrorResponses.forRequest(request, ErrorCode.UNKNOWN_SERVER_ERROR,
                    "Unexpected server error; see the broker log", config));
        } catch (RuntimeException e) {
            e.addSuppressed(failure);
            return CompletableFuture.failedFuture(e);
        }
    }

    private static <T extends ApiResponse> CompletableFuture<T> done(T response) {
        return CompletableFuture.completedFuture(response);
    }

    /** Completes waiting fetches, then closes the group coordinator, storage and the metadata log. */
    @Override
    public void close() {
        fetchHandler.close();
        scheduler.shutdown();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (group instanceof AutoCloseable closeable) {
            closeQuietly(closeable);
        }
        closeQuietly(logManager);
        closeQuietly(metadata);
        log.info("[Broker {}] Stopped", config.nodeId());
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            log.warn("[Broker] Failed to close {}", closeable.getClass().getSimpleName(), e);
        }
    }
}
