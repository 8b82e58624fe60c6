package io.tributary.broker.group;

import io.tributary.broker.RequestContext;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.HeartbeatRequest;
import io.tributary.protocol.message.HeartbeatResponse;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.LeaveGroupRequest;
import io.tributary.protocol.message.LeaveGroupResponse;
import io.tributary.protocol.message.SyncGroupRequest;
import io.tributary.protocol.message.SyncGroupResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The membership half of the coordinator: JoinGroup, SyncGroup, Heartbeat and LeaveGroup, the join and
 * sync barriers, and the session, rebalance and initial-delay timers.
 *
 * <p>Thread-safe. Groups live in a concurrent map; each operation on a group locks that group's monitor
 * and completes waiting futures only after releasing it (see {@link ClassicGroup#defer}).
 *
 * <p>Static membership ({@code group.instance.id}) is not supported: instance ids in requests
 * are ignored, so such members behave as dynamic members.
 */
final class ClassicGroupManager {

    private static final Logger log = LoggerFactory.getLogger(ClassicGroupManager.class);

    /** The first JoinGroup version whose first join without member id gets MEMBER_ID_REQUIRED. */
    private static final short MEMBER_ID_REQUIRED_MIN_VERSION = 4;
    /** The first LeaveGroup version with per-member results. */
    private static final short LEAVE_GROUP_BATCH_MIN_VERSION = 3;
    /** How often a request looks a group up again that was removed while it waited for the lock. */
    static final int MAX_LOOKUP_ATTEMPTS = 3;

    private final GroupConfig config;
    private final GroupTimer timer;
    private final Predicate<String> hasCommittedOffsets;
    private final ConcurrentHashMap<String, ClassicGroup> groups = new ConcurrentHashMap<>();

    /**
     * @param config              the group settings
     * @param timer               the clock and timers
     * @param hasCommittedOffsets returns whether a group has committed offsets, which keep an empty group alive
     */
    ClassicGroupManager(GroupConfig config, GroupTimer timer, Predicate<String> hasCommittedOffsets) {
        this.config = config;
        this.timer = timer;
        this.hasCommittedOffsets = hasCommittedOffsets;
    }

    /** Returns the group, or null if it does not exist. */
    ClassicGroup group(String groupId) {
        return groups.get(groupId);
    }

    /** Returns a snapshot of the groups that exist now. */
    List<ClassicGroup> groups() {
        return List.copyOf(groups.values());
    }

    /**
     * Removes an Empty group as DeleteGroups does: it moves to Dead and its pending members are forgotten.
     * The caller holds the group's lock.
     */
    void deleteLocked(ClassicGroup group) {
        group.clearPendingJoinMembers();
        group.transitionTo(GroupState.DEAD);
        groups.remove(group.groupId(), group);
        log.info("[GroupCoordinator] Deleted group {}", group.groupId());
    }

    /** Returns the group, creating an empty one if it does not exist. */
    ClassicGroup groupOrCreate(String groupId) {
        return groups.computeIfAbsent(groupId, id -> new ClassicGroup(id, timer.milliseconds()));
    }

    /**
     * Runs {@code action} under the group's monitor, then runs the actions it deferred, then removes the
     * group if it ended up empty and without committed offsets.
     */
    <T> T locked(ClassicGroup group, Function<ClassicGroup, T> action) {
        T result;
        List<Runnable> deferred;
        synchronized (group) {
            result = action.apply(group);
            deferred = group.drainDeferred();
        }
        for (Runnable runnable : deferred) {
            runnable.run();
        }
        maybeRemoveEmptyGroup(group);
        return result;
    }

    /**
     * Returns true if the group's offsets may expire: it has no members and became empty at or before
     * {@code cutoffMs}. A group known only by its offsets has no members.
     */
    boolean isEmptySince(String groupId, long cutoffMs) {
        ClassicGroup group = group(groupId);
        if (group == null) {
            return true;
        }
        synchronized (group) {
            return group.isInState(GroupState.EMPTY) && group.emptySinceMs() <= cutoffMs
                    || group.isInState(GroupState.DEAD);
        }
    }

    /** Removes the group if it is empty and has no committed offsets left. */
    void removeIfUnused(String groupId) {
        ClassicGroup group = group(groupId);
        if (group != null) {
            maybeRemoveEmptyGroup(group);
        }
    }

    private void maybeRemoveEmptyGroup(ClassicGroup group) {
        synchronized (group) {
            if (group.isInState(GroupState.EMPTY) && !group.hasPendingJoinMembers()
                    && !hasCommittedOffsets.test(group.groupId())) {
                group.transitionTo(GroupState.DEAD);
                groups.remove(group.groupId(), group);
                log.debug("[GroupCoordinator] Removed empty group {}", group.groupId());
            }
        }
    }

    // JoinGroup

    CompletableFuture<JoinGroupResponse> joinGroup(RequestContext context, JoinGroupRequest request) {
        String groupId = request.groupId();
        if (groupId == null || groupId.isEmpty()) {
            return CompletableFuture.completedFuture(joinError(ErrorCode.INVALID_GROUP_ID, request.memberId()));
        }
        if (request.sessionTimeoutMs() < config.minSessionTimeoutMs()
                || request.sessionTimeoutMs() > config.maxSessionTimeoutMs()) {
            return CompletableFuture.completedFuture(
                    joinError(ErrorCode.INVALID_SESSION_TIMEOUT, request.memberId()));
        }
        String memberId = request.memberId() == null ? "" : request.memberId();
        for (int attempt = 0; attempt < MAX_LOOKUP_ATTEMPTS; attempt++) {
            ClassicGroup group = memberId.isEmpty() ? groupOrCreate(groupId) : group(groupId);
            if (group == null) {
                return CompletableFuture.completedFuture(joinError(ErrorCode.UNKNOWN_MEMBER_ID, memberId));
            }
            CompletableFuture<JoinGroupResponse> result = locked(group,
                    g -> g.isInState(GroupState.DEAD) ? null : joinLocked(g, context, request, memberId));
            if (result != null) {
                return result;
            }
            // The group was removed between the lookup and the lock: look it up again.
        }
        return CompletableFuture.completedFuture(joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE, memberId));
    }

    private CompletableFuture<JoinGroupResponse> joinLocked(ClassicGroup group, RequestContext context,
                                                            JoinGroupRequest request, String memberId) {
        List<JoinGroupRequest.Protocol> protocols = request.protocols() == null ? List.of() : request.protocols();
        boolean knownMember = group.hasMember(memberId);
        if (!knownMember && !group.supportsProtocols(request.protocolType(), protocols)
                || knownMember && !supportsRejoin(group, memberId, request.protocolType(), protocols)) {
            return CompletableFuture.completedFuture(joinError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL, memberId));
        }
        if (memberId.isEmpty()) {
            return joinNewMember(group, context, request, protocols);
        }
        if (group.removePendingJoinMember(memberId)) {
            CompletableFuture<JoinGroupResponse> future = new CompletableFuture<>();
            addMemberAndRebalance(group, context, request, memberId, protocols, future);
            return future;
        }
        GroupMember member = group.member(memberId);
        if (member == null) {
            return CompletableFuture.completedFuture(joinError(ErrorCode.UNKNOWN_MEMBER_ID, memberId));
        }
        return joinKnownMember(group, member, request, protocols);
    }

    /**
     * Checks a rejoin against the other members only, since the member's own old protocols may change.
     */
    private static boolean supportsRejoin(ClassicGroup group, String memberId, String type,
                                          List<JoinGroupRequest.Protocol> protocols) {
        if (type == null || !type.equals(group.protocolType()) || protocols.isEmpty()) {
            return false;
        }
        return protocols.stream().anyMatch(protocol -> group.members().stream()
                .filter(other -> !other.memberId().equals(memberId))
                .allMatch(other -> other.supports(protocol.name())));
    }

    private CompletableFuture<JoinGroupResponse> joinNewMember(ClassicGroup group, RequestContext context,
                                                               JoinGroupRequest request,
                                                               List<JoinGroupRequest.Protocol> protocols) {
        if (group.sizeWithPendingJoins() >= config.maxGroupSize()) {
            return CompletableFuture.completedFuture(joinError(ErrorCode.GROUP_MAX_SIZE_REACHED, ""));
        }
        String clientId = context.header().clientId() == null ? "" : context.header().clientId();
        String newMemberId = clientId + "-" + UUID.randomUUID();
        if (context.header().apiVersion() >= MEMBER_ID_REQUIRED_MIN_VERSION) {
            // The member must rejoin with this id within its session timeout, or the id is forgotten.
            GroupTimer.Timeout expiry = timer.schedule(request.sessionTimeoutMs(),
                    () -> expirePendingJoinMember(group, newMemberId));
            group.addPendingJoinMember(newMemberId, expiry);
            return CompletableFuture.completedFuture(joinError(ErrorCode.MEMBER_ID_REQUIRED, newMemberId));
        }
        CompletableFuture<JoinGroupResponse> future = new CompletableFuture<>();
        addMemberAndRebalance(group, context, request, newMemberId, protocols, future);
        return future;
    }

    private CompletableFuture<JoinGroupResponse> joinKnownMember(ClassicGroup group, GroupMember member,
                                                                 JoinGroupRequest request,
                                                                 List<JoinGroupRequest.Protocol> protocols) {
        CompletableFuture<JoinGroupResponse> future = new CompletableFuture<>();
        switch (group.state()) {
            case PREPARING_REBALANCE -> updateMemberAndRebalance(group, member, request, protocols, future);
            case COMPLETING_REBALANCE -> {
                if (member.hasSameProtocols(protocols)) {
                    // The member missed the join response; send it again.
                    return CompletableFuture.completedFuture(joinResponse(group, member));
                }
                updateMemberAndRebalance(group, member, request, protocols, future);
            }
            case STABLE -> {
                if (group.isLeader(member.memberId()) || !member.hasSameProtocols(protocols)) {
                    updateMemberAndRebalance(group, member, request, protocols, future);
                } else {
                    // A follower rejoining with unchanged metadata keeps the current generation.
                    return CompletableFuture.completedFuture(joinResponse(group, member));
                }
            }
            default -> {
                return CompletableFuture.completedFuture(joinError(ErrorCode.UNKNOWN_MEMBER_ID, member.memberId()));
            }
        }
        return future;
    }

    private void addMemberAndRebalance(ClassicGroup group, RequestContext context, JoinGroupRequest request,
                                       String memberId, List<JoinGroupRequest.Protocol> protocols,
                                       CompletableFuture<JoinGroupResponse> future) {
        String clientId = context.header().clientId() == null ? "" : context.header().clientId();
        String clientHost = context.clientAddress() == null ? "" : context.clientAddress().getAddress() == null
                ? context.clientAddress().getHostString() : context.clientAddress().getAddress().toString();
        GroupMember member = new GroupMember(memberId, clientId, clientHost, request.sessionTimeoutMs(),
                request.rebalanceTimeoutMs(), protocols);
        member.awaitJoin(future);
        if (group.isInState(GroupState.PREPARING_REBALANCE) && group.initialJoinDelay()) {
            group.newMemberAdded(true);
        }
        group.add(member, request.protocolType());
        log.info("[GroupCoordinator] Member {} joined group {} (client {} at {})", memberId, group.groupId(),
                clientId, clientHost);
        maybePrepareRebalanceOrCompleteJoin(group, "member " + memberId + " joined");
    }

    private void updateMemberAndRebalance(ClassicGroup group, GroupMember member, JoinGroupRequest request,
                                          List<JoinGroupRequest.Protocol> protocols,
                                          CompletableFuture<JoinGroupResponse> future) {
        CompletableFuture<JoinGroupResponse> previous = member.takeAwaitingJoin();
        if (previous != null) {
            // A second JoinGroup replaces the first, so the old request is completed and does not hang.
            group.defer(() -> previous.complete(joinError(ErrorCode.REBALANCE_IN_PROGRESS, member.memberId())));
        }
        group.update(member, protocols, request.sessionTimeoutMs(), request.rebalanceTimeoutMs());
        member.awaitJoin(future);
        member.sessionTimer(null);
        maybePrepareRebalanceOrCompleteJoin(group, "member " + member.memberId() + " rejoined");
    }

    private void maybePrepareRebalanceOrCompleteJoin(ClassicGroup group, String reason) {
        if (group.canRebalance()) {
            prepareRebalance(group, reason);
        } else {
            maybeCompleteJoin(group);
        }
    }

    /**
     * Opens the join barrier. A group in CompletingRebalance first fails the waiting SyncGroup requests
     * with REBALANCE_IN_PROGRESS. An empty group waits the initial rebalance delay; any other group waits
     * until every member has rejoined or the largest rebalance timeout passed.
     */
    private void prepareRebalance(ClassicGroup group, String reason) {
        if (group.isInState(GroupState.COMPLETING_REBALANCE)) {
            failAwaitingSync(group, ErrorCode.REBALANCE_IN_PROGRESS);
        }
        group.syncTimer(null);
        boolean initial = group.isInState(GroupState.EMPTY);
        group.transitionTo(GroupState.PREPARING_REBALANCE);
        log.info("[GroupCoordinator] Preparing to rebalance group {} in generation {} because {}",
                group.groupId(), group.generationId(), reason);

        if (initial && config.initialRebalanceDelayMs() > 0) {
            int delayMs = config.initialRebalanceDelayMs();
            int remainingMs = Math.max(group.rebalanceTimeoutMs() - delayMs, 0);
            group.initialJoinDelay(true);
            group.newMemberAdded(false);
            scheduleInitialJoinDelay(group, delayMs, remainingMs);
            return;
        }
        group.initialJoinDelay(false);
        int generationId = group.generationId();
        group.joinTimer(timer.schedule(group.rebalanceTimeoutMs(),
                () -> locked(group, g -> onJoinTimeout(g, generationId))));
        maybeCompleteJoin(group);
    }

    private void scheduleInitialJoinDelay(ClassicGroup group, int delayMs, int remainingMs) {
        group.joinTimer(timer.schedule(delayMs, () -> locked(group, g -> {
            onInitialJoinDelayExpired(g, remainingMs);
            return null;
        })));
    }

    private void onInitialJoinDelayExpired(ClassicGroup group, int remainingMs) {
        if (!group.isInState(GroupState.PREPARING_REBALANCE) || !group.initialJoinDelay()) {
            return;
        }
        if (group.newMemberAdded() && remainingMs > 0) {
            // Members are still arriving: wait once more, but never past the rebalance timeout.
            int delayMs = Math.min(config.initialRebalanceDelayMs(), remainingMs);
            group.newMemberAdded(false);
            scheduleInitialJoinDelay(group, delayMs, remainingMs - delayMs);
            return;
        }
        group.initialJoinDelay(false);
        completeJoin(group);
    }

    private Void onJoinTimeout(ClassicGroup group, int generationId) {
        if (group.isInState(GroupState.PREPARING_REBALANCE) && group.generationId() == generationId
                && !group.initialJoinDelay()) {
            completeJoin(group);
        }
        return null;
    }

    private void maybeCompleteJoin(ClassicGroup group) {
        if (group.isInState(GroupState.PREPARING_REBALANCE) && !group.initialJoinDelay()
                && group.hasAllMembersJoined()) {
            completeJoin(group);
        }
    }

    /**
     * Closes the join barrier: removes the members that did not rejoin, starts the next generation and
     * completes every waiting JoinGroup request. Only the leader receives the members and their metadata.
     */
    private void completeJoin(ClassicGroup group) {
        group.joinTimer(null);
        for (GroupMember member : new ArrayList<>(group.members())) {
            if (!member.isAwaitingJoin()) {
                log.info("[GroupCoordinator] Removing member {} from group {} because it did not rejoin in time",
                        member.memberId(), group.groupId());
                removeMember(group, member);
            }
        }
        group.initNextGeneration();
        if (group.isInState(GroupState.EMPTY)) {
            group.emptySinceMs(timer.milliseconds());
            log.info("[GroupCoordinator] Group {} with generation {} is now empty", group.groupId(),
                    group.generationId());
            return;
        }
        log.info("[GroupCoordinator] Stabilized group {} generation {} with protocol {} and {} members",
                group.groupId(), group.generationId(), group.protocolName(), group.size());
        for (GroupMember member : group.members()) {
            JoinGroupResponse response = joinResponse(group, member);
            CompletableFuture<JoinGroupResponse> future = member.takeAwaitingJoin();
            group.defer(() -> future.complete(response));
            scheduleSessionTimeout(group, member);
        }
        int generationId = group.generationId();
        group.syncTimer(timer.schedule(group.rebalanceTimeoutMs(),
                () -> locked(group, g -> onSyncTimeout(g, generationId))));
    }

    private static JoinGroupResponse joinResponse(ClassicGroup group, GroupMember member) {
        List<JoinGroupResponse.Member> members = List.of();
        if (group.isLeader(member.memberId())) {
            members = new ArrayList<>();
            for (GroupMember each : group.members()) {
                members.add(new JoinGroupResponse.Member(each.memberId(), null, each.metadata(group.protocolName())));
            }
        }
        return new JoinGroupResponse(0, ErrorCode.NONE, group.generationId(), group.protocolType(),
                group.protocolName(), group.leaderId(), false, member.memberId(), members);
    }

    private static JoinGroupResponse joinError(ErrorCode error, String memberId) {
        return new JoinGroupResponse(0, error, -1, null, null, "", false, memberId == null ? "" : memberId,
                List.of());
    }

    private void expirePendingJoinMember(ClassicGroup group, String memberId) {
        locked(group, g -> {
            if (g.removePendingJoinMember(memberId)) {
                log.info("[GroupCoordinator] Pending member {} of group {} did not rejoin within its session "
                        + "timeout and was forgotten", memberId, g.groupId());
                maybeCompleteJoin(g);
            }
            return null;
        });
    }

    // SyncGroup

    CompletableFuture<SyncGroupResponse> syncGroup(RequestContext context, SyncGroupRequest request) {
        if (request.groupId() == null || request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(syncError(ErrorCode.INVALID_GROUP_ID));
        }
        ClassicGroup group = group(request.groupId());
        if (group == null) {
            return CompletableFuture.completedFuture(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
        }
        return locked(group, g -> syncLocked(g, request));
    }

    private CompletableFuture<SyncGroupResponse> syncLocked(ClassicGroup group, SyncGroupRequest request) {
        if (group.isInState(GroupState.DEAD)) {
            return CompletableFuture.completedFuture(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE));
        }
        GroupMember member = group.member(request.memberId());
        if (member == null) {
            return CompletableFuture.completedFuture(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
        }
        if (request.generationId() != group.generationId()) {
            return CompletableFuture.completedFuture(syncError(ErrorCode.ILLEGAL_GENERATION));
        }
        if (request.protocolType() != null && !request.protocolType().equals(group.protocolType())
                || request.protocolName() != null && !request.protocolName().equals(group.protocolName())) {
            return CompletableFuture.completedFuture(syncError(ErrorCode.INCONSISTENT_GROUP_PROTOCOL));
        }
        switch (group.state()) {
            case PREPARING_REBALANCE -> {
                return CompletableFuture.completedFuture(syncError(ErrorCode.REBALANCE_IN_PROGRESS));
            }
            case COMPLETING_REBALANCE -> {
                CompletableFuture<SyncGroupResponse> future = new CompletableFuture<>();
                CompletableFuture<SyncGroupResponse> previous = member.takeAwaitingSync();
                if (previous != null) {
                    group.defer(() -> previous.complete(syncError(ErrorCode.REBALANCE_IN_PROGRESS)));
                }
                member.awaitSync(future);
                member.sessionTimer(null);
                markSynced(group, member);
                if (group.isLeader(member.memberId())) {
                    applyAssignment(group, request.assignments());
                }
                return future;
            }
            case STABLE -> {
                markSynced(group, member);
                scheduleSessionTimeout(group, member);
                return CompletableFuture.completedFuture(syncResponse(group, member));
            }
            default -> {
                return CompletableFuture.completedFuture(syncError(ErrorCode.UNKNOWN_MEMBER_ID));
            }
        }
    }

    private static void markSynced(ClassicGroup group, GroupMember member) {
        group.pendingSyncMembers().remove(member.memberId());
        if (group.pendingSyncMembers().isEmpty()) {
            group.syncTimer(null);
        }
    }

    /** Stores the leader's assignment (members it left out get an empty one) and completes every waiting SyncGroup. */
    private void applyAssignment(ClassicGroup group, List<SyncGroupRequest.Assignment> assignments) {
        Map<String, byte[]> byMember = new HashMap<>();
        if (assignments != null) {
            for (SyncGroupRequest.Assignment assignment : assignments) {
                byMember.put(assignment.memberId(), assignment.assignment());
            }
        }
        for (GroupMember member : group.members()) {
            member.assignment(byMember.get(member.memberId()));
        }
        group.transitionTo(GroupState.STABLE);
        log.info("[GroupCoordinator] Assignment received from leader {} for group {} generation {}",
                group.leaderId(), group.groupId(), group.generationId());
        for (GroupMember member : group.members()) {
            CompletableFuture<SyncGroupResponse> future = member.takeAwaitingSync();
            if (future != null) {
                SyncGroupResponse response = syncResponse(group, member);
                group.defer(() -> future.complete(response));
                scheduleSessionTimeout(group, member);
            }
        }
    }

    private void failAwaitingSync(ClassicGroup group, ErrorCode error) {
        for (GroupMember member : group.members()) {
            member.assignment(null);
            CompletableFuture<SyncGroupResponse> future = member.takeAwaitingSync();
            if (future != null) {
                group.defer(() -> future.complete(syncError(error)));
                scheduleSessionTimeout(group, member);
            }
        }
    }

    /** Removes the members that did not sync within the rebalance timeout and rebalances the rest. */
    private Void onSyncTimeout(ClassicGroup group, int generationId) {
        if (group.generationId() != generationId || group.pendingSyncMembers().isEmpty()
                || !(group.isInState(GroupState.COMPLETING_REBALANCE) || group.isInState(GroupState.STABLE))) {
            return null;
        }
        for (String memberId : new ArrayList<>(group.pendingSyncMembers())) {
            GroupMember member = group.member(memberId);
            if (member != null) {
                log.info("[GroupCoordinator] Removing member {} from group {} because it did not sync in time",
                        memberId, group.groupId());
                removeMember(group, member);
            }
        }
        prepareRebalance(group, "members did not sync in time");
        return null;
    }

    private static SyncGroupResponse syncResponse(ClassicGroup group, GroupMember member) {
        return new SyncGroupResponse(0, ErrorCode.NONE, group.protocolType(), group.protocolName(),
                member.assignment());
    }

    private static SyncGroupResponse syncError(ErrorCode error) {
        return new SyncGroupResponse(0, error, null, null, new byte[0]);
    }

    // Heartbeat

    CompletableFuture<HeartbeatResponse> heartbeat(RequestContext context, HeartbeatRequest request) {
        return CompletableFuture.completedFuture(new HeartbeatResponse(0, heartbeatError(request)));
    }

    private ErrorCode heartbeatError(HeartbeatRequest request) {
        if (request.groupId() == null || request.groupId().isEmpty()) {
            return ErrorCode.INVALID_GROUP_ID;
        }
        ClassicGroup group = group(request.groupId());
        if (group == null) {
            return ErrorCode.UNKNOWN_MEMBER_ID;
        }
        return locked(group, g -> {
            if (g.isInState(GroupState.DEAD)) {
                return ErrorCode.COORDINATOR_NOT_AVAILABLE;
            }
            GroupMember member = g.member(request.memberId());
            if (member == null) {
                return ErrorCode.UNKNOWN_MEMBER_ID;
            }
            if (request.generationId() != g.generationId()) {
                return ErrorCode.ILLEGAL_GENERATION;
            }
            keepAlive(g, member);
            return g.isInState(GroupState.PREPARING_REBALANCE) ? ErrorCode.REBALANCE_IN_PROGRESS : ErrorCode.NONE;
        });
    }

    /** Restarts the member's session timer, unless it waits in a barrier whose own timeout applies. */
    void keepAlive(ClassicGroup group, GroupMember member) {
        if (!member.isAwaitingJoin() && !member.isAwaitingSync()) {
            scheduleSessionTimeout(group, member);
        }
    }

    private void scheduleSessionTimeout(ClassicGroup group, GroupMember member) {
        GroupTimer.Timeout[] self = new GroupTimer.Timeout[1];
        self[0] = timer.schedule(member.sessionTimeoutMs(), () -> locked(group, g -> {
            onSessionTimeout(g, member, self[0]);
            return null;
        }));
        member.sessionTimer(self[0]);
    }

    private void onSessionTimeout(ClassicGroup group, GroupMember member, GroupTimer.Timeout firedTimer) {
        // A timer replaced after it fired but before it got the lock must not expire the member.
        if (group.member(member.memberId()) != member || member.sessionTimer() != firedTimer) {
            return;
        }
        log.info("[GroupCoordinator] Member {} of group {} has not sent a heartbeat within its session "
                + "timeout of {} ms, removing it", member.memberId(), group.groupId(), member.sessionTimeoutMs());
        removeMemberAndUpdateGroup(group, member, "member " + member.memberId() + " session timed out");
    }

    // LeaveGroup

    CompletableFuture<LeaveGroupResponse> leaveGroup(RequestContext context, LeaveGroupRequest request) {
        boolean batch = context.header().apiVersion() >= LEAVE_GROUP_BATCH_MIN_VERSION;
        List<LeaveGroupRequest.Member> leaving = request.members() == null ? List.of() : request.members();
        if (request.groupId() == null || request.groupId().isEmpty()) {
            return CompletableFuture.completedFuture(new LeaveGroupResponse(0, ErrorCode.INVALID_GROUP_ID, List.of()));
        }
        ClassicGroup group = group(request.groupId());
        List<LeaveGroupResponse.Member> results;
        if (group == null) {
            results = new ArrayList<>();
            for (LeaveGroupRequest.Member member : leaving) {
                results.add(new LeaveGroupResponse.Member(member.memberId(), member.groupInstanceId(),
                        ErrorCode.UNKNOWN_MEMBER_ID));
            }
        } else {
            results = locked(group, g -> leaveLocked(g, leaving));
            if (results == null) {
                return CompletableFuture.completedFuture(
                        new LeaveGroupResponse(0, ErrorCode.COORDINATOR_NOT_AVAILABLE, List.of()));
            }
        }
        ErrorCode topLevel = ErrorCode.NONE;
        if (!batch && results.size() == 1) {
            // Versions 0-2 carry one member and report its result as the top-level error.
            topLevel = results.get(0).error();
        }
        return CompletableFuture.completedFuture(new LeaveGroupResponse(0, topLevel, results));
    }

    private List<LeaveGroupResponse.Member> leaveLocked(ClassicGroup group, List<LeaveGroupRequest.Member> leaving) {
        if (group.isInState(GroupState.DEAD)) {
            return null;
        }
        List<LeaveGroupResponse.Member> results = new ArrayList<>();
        for (LeaveGroupRequest.Member leaver : leaving) {
            String memberId = leaver.memberId() == null ? "" : leaver.memberId();
            ErrorCode error = ErrorCode.NONE;
            GroupMember member = group.member(memberId);
            if (group.removePendingJoinMember(memberId)) {
                log.info("[GroupCoordinator] Pending member {} left group {}", memberId, group.groupId());
                maybeCompleteJoin(group);
            } else if (member == null) {
                error = ErrorCode.UNKNOWN_MEMBER_ID;
            } else {
                log.info("[GroupCoordinator] Member {} left group {}{}", memberId, group.groupId(),
                        leaver.reason() == null ? "" : " because " + leaver.reason());
                removeMemberAndUpdateGroup(group, member, "member " + memberId + " left");
            }
            results.add(new LeaveGroupResponse.Member(memberId, leaver.groupInstanceId(), error));
        }
        return results;
    }

    /** Removes a member and rebalances: a stable group starts a rebalance, a rebalancing one may now complete. */
    private void removeMemberAndUpdateGroup(ClassicGroup group, GroupMember member, String reason) {
        removeMember(group, member);
        switch (group.state()) {
            case STABLE, COMPLETING_REBALANCE -> prepareRebalance(group, reason);
            case PREPARING_REBALANCE -> maybeCompleteJoin(group);
            default -> {
            }
        }
    }

    /** Removes a member and completes its waiting requests with UNKNOWN_MEMBER_ID. */
    private static void removeMember(ClassicGroup group, GroupMember member) {
        group.remove(member);
        CompletableFuture<JoinGroupResponse> join = member.takeAwaitingJoin();
        if (join != null) {
            group.defer(() -> join.complete(joinError(ErrorCode.UNKNOWN_MEMBER_ID, member.memberId())));
        }
        CompletableFuture<SyncGroupResponse> sync = member.takeAwaitingSync();
        if (sync != null) {
            group.defer(() -> sync.complete(syncError(ErrorCode.UNKNOWN_MEMBER_ID)));
        }
    }

    // OffsetCommit checks

    /**
     * Checks that an OffsetCommit may be written, as Kafka's classic groups do, and restarts the session
     * timer of the committing member. A commit with a negative generation and no member id is accepted
     * into a group without members. A group member must commit in the current generation.
     *
     * @return NONE, or GROUP_ID_NOT_FOUND (v9+) / ILLEGAL_GENERATION (v0-8) for an unknown group with a
     *         generation, UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION, REBALANCE_IN_PROGRESS in CompletingRebalance,
     *         or COORDINATOR_NOT_AVAILABLE if the group was removed concurrently
     */
    ErrorCode validateOffsetCommit(String groupId, int generationId, String memberId, short apiVersion) {
        ClassicGroup group = group(groupId);
        String member = memberId == null ? "" : memberId;
        if (group == null) {
            if (generationId < 0) {
                return ErrorCode.NONE;
            }
            if (hasCommittedOffsets.test(groupId)) {
                // A group with offsets but no members exists as an empty group, as in Kafka. After a
                // restart its former members commit here and must rejoin.
                return ErrorCode.UNKNOWN_MEMBER_ID;
            }
            return apiVersion >= OffsetManager.GROUP_ID_NOT_FOUND_MIN_VERSION
                    ? ErrorCode.GROUP_ID_NOT_FOUND : ErrorCode.ILLEGAL_GENERATION;
        }
        return locked(group, g -> validateOffsetCommitLocked(g, generationId, member));
    }

    private ErrorCode validateOffsetCommitLocked(ClassicGroup group, int generationId, String memberId) {
        if (group.isInState(GroupState.DEAD)) {
            return ErrorCode.COORDINATOR_NOT_AVAILABLE;
        }
        if (generationId < 0 && group.isInState(GroupState.EMPTY)) {
            return ErrorCode.NONE;
        }
        GroupMember member = group.member(memberId);
        if (generationId >= 0 || !memberId.isEmpty()) {
            if (member == null) {
                return ErrorCode.UNKNOWN_MEMBER_ID;
            }
            if (generationId != group.generationId()) {
                return ErrorCode.ILLEGAL_GENERATION;
            }
        } else if (!group.isInState(GroupState.EMPTY)) {
            // Without member id and generation, commits are accepted only while the group has no members.
            return ErrorCode.UNKNOWN_MEMBER_ID;
        }
        if (group.isInState(GroupState.COMPLETING_REBALANCE)) {
            // The member has the new generation from its join response but no assignment yet.
            return ErrorCode.REBALANCE_IN_PROGRESS;
        }
        if (member != null) {
            keepAlive(group, member);
        }
        return ErrorCode.NONE;
    }

    /** Cancels every timer and completes every waiting request with COORDINATOR_NOT_AVAILABLE, at shutdown. */
    void shutdown() {
        for (ClassicGroup group : groups.values()) {
            locked(group, g -> {
                g.joinTimer(null);
                g.syncTimer(null);
                for (GroupMember member : g.members()) {
                    member.sessionTimer(null);
                    CompletableFuture<JoinGroupResponse> join = member.takeAwaitingJoin();
                    if (join != null) {
                        g.defer(() -> join.complete(joinError(ErrorCode.COORDINATOR_NOT_AVAILABLE,
                                member.memberId())));
                    }
                    CompletableFuture<SyncGroupResponse> sync = member.takeAwaitingSync();
                    if (sync != null) {
                        g.defer(() -> sync.complete(syncError(ErrorCode.COORDINATOR_NOT_AVAILABLE)));
                    }
                }
                return null;
            });
        }
    }
}
