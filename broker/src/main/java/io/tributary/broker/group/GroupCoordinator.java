package io.tributary.broker.group;

import io.tributary.broker.GroupApi;
import io.tributary.broker.RequestContext;
import io.tributary.broker.TopicIdResolver;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.DeleteGroupsRequest;
import io.tributary.protocol.message.DeleteGroupsResponse;
import io.tributary.protocol.message.DescribeGroupsRequest;
import io.tributary.protocol.message.DescribeGroupsResponse;
import io.tributary.protocol.message.FindCoordinatorRequest;
import io.tributary.protocol.message.FindCoordinatorResponse;
import io.tributary.protocol.message.HeartbeatRequest;
import io.tributary.protocol.message.HeartbeatResponse;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.LeaveGroupRequest;
import io.tributary.protocol.message.LeaveGroupResponse;
import io.tributary.protocol.message.ListGroupsRequest;
import io.tributary.protocol.message.ListGroupsResponse;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetCommitResponse;
import io.tributary.protocol.message.OffsetDeleteRequest;
import io.tributary.protocol.message.OffsetDeleteResponse;
import io.tributary.protocol.message.OffsetFetchRequest;
import io.tributary.protocol.message.OffsetFetchResponse;
import io.tributary.protocol.message.SyncGroupRequest;
import io.tributary.protocol.message.SyncGroupResponse;
import io.tributary.storage.LogManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group coordinator of a single-node broker: this node coordinates every group. Implements the
 * classic consumer group protocol (the state machine of {@link GroupState}) and the group administration
 * APIs ({@link GroupAdmin}), and stores committed offsets through an {@link OffsetLog}.
 *
 * <p>Thread-safe: the request methods may be called from any number of threads. Each follows the
 * {@link GroupApi} contract: state changes happen before the method returns, waiting (the join and sync
 * barriers, the durable write of a commit) happens in the returned future, and errors go into the
 * response. Waiting futures are completed on the timer's thread or on the thread of the request that
 * released them, never while a group lock is held.
 *
 * <p>Not supported: static membership (instance ids are ignored, so such members act as dynamic
 * members), the newer consumer group protocol of ConsumerGroupHeartbeat, and transactional offset
 * commits. Group membership lives only in memory: after a restart, members get UNKNOWN_MEMBER_ID and
 * rejoin, while committed offsets survive.
 */
public final class GroupCoordinator implements GroupApi, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCoordinator.class);

    /** How long {@link #close} waits for offset writes in flight before it gives up on the checkpoint. */
    static final long CLOSE_TIMEOUT_MS = 10_000;

    private final CoordinatorNode node;
    private final ClassicGroupManager groups;
    private final OffsetManager offsets;
    private final GroupAdmin admin;
    private final SystemGroupTimer ownedTimer;
    private final GroupConfig config;
    private final GroupTimer timer;
    private volatile boolean closed;
    private volatile GroupTimer.Timeout expirationTimer;

    private GroupCoordinator(GroupConfig config, CoordinatorNode node, TopicIdResolver topicIds, OffsetLog offsetLog,
                             GroupTimer timer, SystemGroupTimer ownedTimer) {
        this.node = node;
        this.ownedTimer = ownedTimer;
        this.config = config;
        this.timer = timer;
        this.offsets = new OffsetManager(config, timer, topicIds, offsetLog);
        this.groups = new ClassicGroupManager(config, timer, offsets::hasOffsets);
        this.admin = new GroupAdmin(groups, offsets);
    }

    /**
     * Creates a coordinator and loads the committed offsets from {@code offsetLog}.
     *
     * @param config    the group settings
     * @param node      this broker as FindCoordinator returns it
     * @param topicIds  the topic name and id lookup for OffsetCommit and OffsetFetch v10
     * @param offsetLog where committed offsets are stored; the coordinator closes it in {@link #close}
     * @param timer     the clock and timers; the caller keeps ownership
     * @throws IOException if the stored offsets cannot be read
     */
    public static GroupCoordinator open(GroupConfig config, CoordinatorNode node, TopicIdResolver topicIds,
                                        OffsetLog offsetLog, GroupTimer timer) throws IOException {
        return load(new GroupCoordinator(config, node, topicIds, offsetLog, timer, null));
    }

    private static GroupCoordinator load(GroupCoordinator coordinator) throws IOException {
        long startNs = System.nanoTime();
        long records = coordinator.offsets.load();
        log.info("[GroupCoordinator] Loaded {} offset records in {} ms", records,
                (System.nanoTime() - startNs) / 1_000_000);
        coordinator.scheduleOffsetExpiration();
        return coordinator;
    }

    /**
     * Creates a coordinator that stores offsets in {@value StorageOffsetLog#TOPIC} of {@code logManager}
     * and runs its timers on its own thread, which {@link #close} stops. This is how a broker builds it.
     *
     * @param config     the group settings
     * @param node       this broker as FindCoordinator returns it
     * @param topicIds   the topic name and id lookup for OffsetCommit and OffsetFetch v10
     * @param logManager the broker's storage, which must stay open until {@link #close} returned
     * @throws IOException if the offsets partitions cannot be created or read
     */
    public static GroupCoordinator openOnStorage(GroupConfig config, CoordinatorNode node, TopicIdResolver topicIds,
                                                 LogManager logManager) throws IOException {
        StorageOffsetLog offsetLog = StorageOffsetLog.open(logManager, config, StorageOffsetLog.defaultLogConfig());
        SystemGroupTimer timer = new SystemGroupTimer();
        try {
            return load(new GroupCoordinator(config, node, topicIds, offsetLog, timer, timer));
        } catch (IOException | RuntimeException e) {
            timer.close();
            throw e;
        }
    }

    /**
     * Names this node as the coordinator of every key, for groups and for transactional ids alike (the
     * broker core makes InitProducerId fail fast, so a transactional producer stops there).
     *
     * <p>Per-key errors: INVALID_REQUEST for a key type other than 0 (group) or 1 (transaction).
     */
    @Override
    public CompletableFuture<FindCoordinatorResponse> findCoordinator(RequestContext context,
                                                                      FindCoordinatorRequest request) {
        boolean knownType = request.keyType() == FindCoordinatorRequest.KEY_TYPE_GROUP
                || request.keyType() == FindCoordinatorRequest.KEY_TYPE_TRANSACTION;
        List<FindCoordinatorResponse.Coordinator> coordinators = new ArrayList<>();
        List<String> keys = request.keys() == null ? List.of() : request.keys();
        for (String key : keys) {
            if (knownType) {
                coordinators.add(new FindCoordinatorResponse.Coordinator(key, node.nodeId(), node.host(), node.port(),
                        ErrorCode.NONE, null));
            } else {
                coordinators.add(new FindCoordinatorResponse.Coordinator(key, -1, "", -1, ErrorCode.INVALID_REQUEST,
                        "Unknown coordinator key type " + request.keyType()));
            }
        }
        return CompletableFuture.completedFuture(new FindCoordinatorResponse(0, coordinators));
    }

    /**
     * Adds or updates a member and waits for the join barrier.
     *
     * <p>Errors: INVALID_GROUP_ID (empty group id), INVALID_SESSION_TIMEOUT (outside
     * {@code group.min/max.session.timeout.ms}), MEMBER_ID_REQUIRED (v4+ without member id; the response
     * carries the id to rejoin with), UNKNOWN_MEMBER_ID, INCONSISTENT_GROUP_PROTOCOL (protocol type differs
     * or no protocol in common), GROUP_MAX_SIZE_REACHED, REBALANCE_IN_PROGRESS (a later JoinGroup of the
     * same member replaced this one), COORDINATOR_NOT_AVAILABLE (shutdown).
     */
    @Override
    public CompletableFuture<JoinGroupResponse> joinGroup(RequestContext context, JoinGroupRequest request) {
        return groups.joinGroup(context, request);
    }

    /**
     * Returns the member's assignment; followers wait until the leader sends the assignments.
     *
     * <p>Errors: INVALID_GROUP_ID, UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, INCONSISTENT_GROUP_PROTOCOL (v5+
     * protocol type or name differ from the group's), REBALANCE_IN_PROGRESS, COORDINATOR_NOT_AVAILABLE.
     */
    @Override
    public CompletableFuture<SyncGroupResponse> syncGroup(RequestContext context, SyncGroupRequest request) {
        return groups.syncGroup(context, request);
    }

    /**
     * Restarts the member's session timer.
     *
     * <p>Errors: INVALID_GROUP_ID, UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS (the member
     * must rejoin), COORDINATOR_NOT_AVAILABLE.
     */
    @Override
    public CompletableFuture<HeartbeatResponse> heartbeat(RequestContext context, HeartbeatRequest request) {
        return groups.heartbeat(context, request);
    }

    /**
     * Removes members from the group, which rebalances the rest.
     *
     * <p>Errors: top level INVALID_GROUP_ID or COORDINATOR_NOT_AVAILABLE; per member UNKNOWN_MEMBER_ID.
     * Versions 0-2 carry one member, whose error is also the top-level error. A member named only by an
     * instance id is unknown, because static membership is not supported.
     */
    @Override
    public CompletableFuture<LeaveGroupResponse> leaveGroup(RequestContext context, LeaveGroupRequest request) {
        return groups.leaveGroup(context, request);
    }

    /**
     * Stores committed offsets durably; the response completes after the write is durable.
     *
     * <p>Errors, per partition: INVALID_GROUP_ID (null group id), GROUP_ID_NOT_FOUND (v9+) or
     * ILLEGAL_GENERATION (v0-8) for an unknown group with a generation, UNKNOWN_MEMBER_ID,
     * ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS, OFFSET_METADATA_TOO_LARGE, UNKNOWN_TOPIC_ID (v10),
     * COORDINATOR_NOT_AVAILABLE (write failed or shutdown).
     */
    @Override
    public CompletableFuture<OffsetCommitResponse> offsetCommit(RequestContext context, OffsetCommitRequest request) {
        if (request.groupId() == null) {
            return CompletableFuture.completedFuture(OffsetManager.commitError(request, ErrorCode.INVALID_GROUP_ID));
        }
        ErrorCode error = groups.validateOffsetCommit(request.groupId(), request.generationIdOrMemberEpoch(),
                request.memberId(), context.header().apiVersion());
        if (error != ErrorCode.NONE) {
            return CompletableFuture.completedFuture(OffsetManager.commitError(request, error));
        }
        return offsets.commit(context, request);
    }

    /**
     * Returns committed offsets, -1 for partitions without one, and for unknown groups.
     *
     * <p>Errors: per group INVALID_GROUP_ID (null group id); per partition UNSTABLE_OFFSET_COMMIT (with
     * requireStable, while a commit of the partition is being written) and UNKNOWN_TOPIC_ID (v10).
     */
    @Override
    public CompletableFuture<OffsetFetchResponse> offsetFetch(RequestContext context, OffsetFetchRequest request) {
        List<OffsetFetchResponse.Group> results = new ArrayList<>();
        for (OffsetFetchRequest.Group group : request.groups()) {
            if (group.groupId() == null) {
                results.add(new OffsetFetchResponse.Group(null, ErrorCode.INVALID_GROUP_ID, List.of()));
            } else {
                results.add(offsets.fetch(context, group, request.requireStable()));
            }
        }
        return CompletableFuture.completedFuture(new OffsetFetchResponse(0, results));
    }

    /**
     * Lists every group, including groups that only have committed offsets (Empty, protocol type ""). Every
     * group has type "classic". The v4+ states filter and the v5+ types filter ignore case. Errors: none.
     */
    @Override
    public CompletableFuture<ListGroupsResponse> listGroups(RequestContext context, ListGroupsRequest request) {
        return CompletableFuture.completedFuture(admin.listGroups(request));
    }

    /**
     * Describes groups: state, protocol type, the chosen protocol and the members (their metadata and
     * assignment only while the group is Stable). Authorized operations are not computed.
     *
     * <p>Errors, per group: INVALID_GROUP_ID (null id); GROUP_ID_NOT_FOUND with state Dead for an unknown
     * group from v6 on, while v0-5 report it as Dead without error, as Kafka does.
     */
    @Override
    public CompletableFuture<DescribeGroupsResponse> describeGroups(RequestContext context,
                                                                    DescribeGroupsRequest request) {
        List<DescribeGroupsResponse.DescribedGroup> results = new ArrayList<>();
        List<String> groupIds = request.groupIds() == null ? List.of() : request.groupIds();
        for (String groupId : groupIds) {
            results.add(admin.describeGroup(groupId, context.header().apiVersion()));
        }
        return CompletableFuture.completedFuture(new DescribeGroupsResponse(0, results));
    }

    /**
     * Deletes Empty groups with their committed offsets, which are removed durably with tombstones; the
     * response completes once they are written.
     *
     * <p>Errors, per group: INVALID_GROUP_ID (null id), GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP (the group has
     * members), COORDINATOR_NOT_AVAILABLE (the write failed).
     */
    @Override
    public CompletableFuture<DeleteGroupsResponse> deleteGroups(RequestContext context, DeleteGroupsRequest request) {
        List<String> groupIds = request.groupIds() == null ? List.of() : request.groupIds();
        List<CompletableFuture<DeleteGroupsResponse.Result>> results = new ArrayList<>();
        for (String groupId : groupIds) {
            results.add(admin.deleteGroup(groupId));
        }
        return CompletableFuture.allOf(results.toArray(new CompletableFuture<?>[0]))
                .thenApply(done -> new DeleteGroupsResponse(0, results.stream().map(CompletableFuture::join).toList()));
    }

    /**
     * Deletes the committed offsets of the given partitions durably; the response completes once the
     * tombstones are written.
     *
     * <p>Errors: top level INVALID_GROUP_ID, GROUP_ID_NOT_FOUND, NON_EMPTY_GROUP (a group with members of a
     * protocol type other than "consumer"), COORDINATOR_NOT_AVAILABLE (the write failed); per partition
     * GROUP_SUBSCRIBED_TO_TOPIC (a member of the current generation subscribes to the topic).
     */
    @Override
    public CompletableFuture<OffsetDeleteResponse> offsetDelete(RequestContext context, OffsetDeleteRequest request) {
        return admin.offsetDelete(request);
    }

    private void scheduleOffsetExpiration() {
        if (!closed) {
            expirationTimer = timer.schedule(config.offsetsRetentionCheckIntervalMs(), () -> {
                expireOffsets();
                scheduleOffsetExpiration();
            });
        }
    }

    /**
     * Deletes the offsets of groups without members that are older than {@code offsets.retention.minutes},
     * counted from the commit and from the time the group became empty, as Kafka does for classic groups.
     */
    void expireOffsets() {
        long cutoffMs = timer.milliseconds() - config.offsetsRetentionMs();
        for (String groupId : offsets.groupIds()) {
            // NOTE: a member joining between this check and the delete loses offsets it was about to read.
            if (!groups.isEmptySince(groupId, cutoffMs)) {
                continue;
            }
            offsets.expire(groupId, cutoffMs).whenComplete((deleted, failure) -> {
                if (deleted != null && deleted > 0) {
                    log.info("[GroupCoordinator] Deleted {} expired offsets of group {}", deleted, groupId);
                    groups.removeIfUnused(groupId);
                }
            });
        }
    }

    /** Returns the visible committed offset of a partition, or null; for tools and tests. */
    public CommittedOffset committedOffset(String groupId, String topic, int partition) {
        return offsets.committed(groupId, topic, partition);
    }

    /** Returns the state of a group, or {@link GroupState#DEAD} if it does not exist; for tools and tests. */
    public GroupState groupState(String groupId) {
        ClassicGroup group = groups.group(groupId);
        if (group == null) {
            return GroupState.DEAD;
        }
        synchronized (group) {
            return group.state();
        }
    }

    /**
     * Completes waiting requests with COORDINATOR_NOT_AVAILABLE, waits for offset writes in flight,
     * writes the offsets checkpoint and closes the offset log. Call it before the log manager closes.
     *
     * @throws IOException if the checkpoint or the log cannot be closed cleanly; committed offsets are
     *                     still in the log
     */
    @Override
    public void close() throws IOException {
        closed = true;
        GroupTimer.Timeout expiration = expirationTimer;
        if (expiration != null) {
            expiration.cancel();
        }
        groups.shutdown();
        try {
            offsets.close(CLOSE_TIMEOUT_MS);
        } finally {
            if (ownedTimer != null) {
                ownedTimer.close();
            }
        }
        log.info("[GroupCoordinator] Closed");
    }
}
