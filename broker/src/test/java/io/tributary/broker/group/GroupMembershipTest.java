package io.tributary.broker.group;

import static io.tributary.broker.group.GroupTestSupport.CONFIG;
import static io.tributary.broker.group.GroupTestSupport.CONSUMER;
import static io.tributary.broker.group.GroupTestSupport.NODE;
import static io.tributary.broker.group.GroupTestSupport.REBALANCE_TIMEOUT_MS;
import static io.tributary.broker.group.GroupTestSupport.SESSION_TIMEOUT_MS;
import static io.tributary.broker.group.GroupTestSupport.context;
import static io.tributary.broker.group.GroupTestSupport.done;
import static io.tributary.broker.group.GroupTestSupport.heartbeat;
import static io.tributary.broker.group.GroupTestSupport.join;
import static io.tributary.broker.group.GroupTestSupport.leave;
import static io.tributary.broker.group.GroupTestSupport.newMemberId;
import static io.tributary.broker.group.GroupTestSupport.sync;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.LeaveGroupRequest;
import io.tributary.protocol.message.LeaveGroupResponse;
import io.tributary.protocol.message.SyncGroupRequest;
import io.tributary.protocol.message.SyncGroupResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The classic group state machine, driven by several simulated members and a manual clock. */
class GroupMembershipTest {

    private static final String GROUP = "orders-processors";

    private ManualGroupTimer timer;
    private GroupCoordinator coordinator;

    @BeforeEach
    void setUp() throws IOException {
        timer = new ManualGroupTimer();
        coordinator = open(CONFIG);
    }

    @AfterEach
    void tearDown() throws IOException {
        coordinator.close();
    }

    private GroupCoordinator open(GroupConfig config) throws IOException {
        return GroupCoordinator.open(config, NODE, new GroupTestSupport.TopicTable(), new InMemoryOffsetLog(), timer);
    }

    private CompletableFuture<JoinGroupResponse> joinAs(String memberId) {
        return coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), join(GROUP, memberId));
    }

    private CompletableFuture<SyncGroupResponse> syncAs(int generation, String memberId, Map<String, String> plan) {
        return coordinator.syncGroup(context(ApiKey.SYNC_GROUP, 5), sync(GROUP, generation, memberId, plan));
    }

    private ErrorCode heartbeatAs(int generation, String memberId) {
        return done(coordinator.heartbeat(context(ApiKey.HEARTBEAT, 4), heartbeat(GROUP, generation, memberId)))
                .error();
    }

    /** Brings one member to Stable and returns its join response. */
    private JoinGroupResponse stableSingleMember() {
        String memberId = newMemberId(coordinator, GROUP);
        JoinGroupResponse joined = done(joinAs(memberId));
        done(syncAs(joined.generationId(), memberId, Map.of(memberId, "all")));
        return joined;
    }

    @Test
    void firstJoinRequiresMemberId() {
        JoinGroupResponse response = done(joinAs(""));

        assertThat(response.error()).isEqualTo(ErrorCode.MEMBER_ID_REQUIRED);
        assertThat(response.memberId()).startsWith("client-");
        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.EMPTY);
    }

    @Test
    void joinBeforeVersionFourAssignsMemberIdDirectly() {
        JoinGroupResponse response = done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 3), join(GROUP, "")));

        assertThat(response.error()).isEqualTo(ErrorCode.NONE);
        assertThat(response.memberId()).startsWith("client-");
        assertThat(response.generationId()).isEqualTo(1);
        assertThat(response.leader()).isEqualTo(response.memberId());
    }

    @Test
    void singleMemberJoinsSyncsAndBecomesStable() {
        String memberId = newMemberId(coordinator, GROUP);

        JoinGroupResponse joined = done(joinAs(memberId));
        assertThat(joined.error()).isEqualTo(ErrorCode.NONE);
        assertThat(joined.generationId()).isEqualTo(1);
        assertThat(joined.protocolType()).isEqualTo(CONSUMER);
        assertThat(joined.protocolName()).isEqualTo("range");
        assertThat(joined.leader()).isEqualTo(memberId);
        assertThat(joined.members()).extracting(JoinGroupResponse.Member::memberId).containsExactly(memberId);
        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.COMPLETING_REBALANCE);

        SyncGroupResponse synced = done(syncAs(1, memberId, Map.of(memberId, "p0,p1")));
        assertThat(synced.error()).isEqualTo(ErrorCode.NONE);
        assertThat(new String(synced.assignment(), StandardCharsets.UTF_8)).isEqualTo("p0,p1");
        assertThat(synced.protocolName()).isEqualTo("range");
        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.STABLE);
        assertThat(heartbeatAs(1, memberId)).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void joinWithEmptyGroupIdIsRejected() {
        JoinGroupResponse response = done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), join("", "")));

        assertThat(response.error()).isEqualTo(ErrorCode.INVALID_GROUP_ID);
    }

    @Test
    void sessionTimeoutOutsideBoundsIsRejected() {
        List<JoinGroupRequest.Protocol> protocols = List.of(new JoinGroupRequest.Protocol("range", new byte[0]));
        JoinGroupRequest tooShort = new JoinGroupRequest(GROUP, CONFIG.minSessionTimeoutMs() - 1,
                REBALANCE_TIMEOUT_MS, "", null, CONSUMER, protocols, null);
        JoinGroupRequest tooLong = new JoinGroupRequest(GROUP, CONFIG.maxSessionTimeoutMs() + 1,
                REBALANCE_TIMEOUT_MS, "", null, CONSUMER, protocols, null);

        assertThat(done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), tooShort)).error())
                .isEqualTo(ErrorCode.INVALID_SESSION_TIMEOUT);
        assertThat(done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), tooLong)).error())
                .isEqualTo(ErrorCode.INVALID_SESSION_TIMEOUT);
    }

    @Test
    void joinWithUnknownMemberIdIsRejected() {
        stableSingleMember();

        assertThat(done(joinAs("client-not-a-member")).error()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), join("no-such-group", "m-1")))
                .error()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
    }

    @Test
    void joinWithOtherProtocolTypeIsInconsistent() {
        stableSingleMember();
        JoinGroupRequest connect = new JoinGroupRequest(GROUP, SESSION_TIMEOUT_MS, REBALANCE_TIMEOUT_MS, "", null,
                "connect", List.of(new JoinGroupRequest.Protocol("range", new byte[0])), null);

        assertThat(done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), connect)).error())
                .isEqualTo(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }

    @Test
    void joinWithoutCommonProtocolIsInconsistent() {
        stableSingleMember();

        JoinGroupResponse response = done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9),
                join(GROUP, "", "sticky")));

        assertThat(response.error()).isEqualTo(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }

    @Test
    void joinWithEmptyProtocolTypeIsInconsistent() {
        JoinGroupRequest request = new JoinGroupRequest(GROUP, SESSION_TIMEOUT_MS, REBALANCE_TIMEOUT_MS, "", null,
                "", List.of(new JoinGroupRequest.Protocol("range", new byte[0])), null);

        assertThat(done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), request)).error())
                .isEqualTo(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }

    @Test
    void newMemberJoiningStableGroupTriggersRebalance() {
        JoinGroupResponse first = stableSingleMember();
        String leader = first.memberId();
        String follower = newMemberId(coordinator, GROUP);

        CompletableFuture<JoinGroupResponse> followerJoin = joinAs(follower);
        assertThat(followerJoin).isNotDone();
        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(heartbeatAs(1, leader)).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);

        JoinGroupResponse leaderRejoin = done(joinAs(leader));
        JoinGroupResponse followerJoined = done(followerJoin);

        assertThat(leaderRejoin.generationId()).isEqualTo(2);
        assertThat(followerJoined.generationId()).isEqualTo(2);
        assertThat(leaderRejoin.leader()).isEqualTo(leader);
        assertThat(followerJoined.leader()).isEqualTo(leader);
        assertThat(leaderRejoin.members()).extracting(JoinGroupResponse.Member::memberId)
                .containsExactlyInAnyOrder(leader, follower);
        assertThat(followerJoined.members()).isEmpty();
    }

    @Test
    void leaderReceivesEachMembersMetadata() {
        JoinGroupResponse first = stableSingleMember();
        String leader = first.memberId();
        String follower = newMemberId(coordinator, GROUP);
        CompletableFuture<JoinGroupResponse> followerJoin = joinAs(follower);

        JoinGroupResponse leaderRejoin = done(joinAs(leader));
        done(followerJoin);

        assertThat(leaderRejoin.members()).hasSize(2);
        for (JoinGroupResponse.Member member : leaderRejoin.members()) {
            assertThat(new String(member.metadata(), StandardCharsets.UTF_8))
                    .isEqualTo("range-metadata-" + member.memberId());
        }
    }

    @Test
    void protocolIsChosenByVoteAmongCommonProtocols() {
        String first = newMemberId(coordinator, GROUP);
        String second = newMemberId(coordinator, GROUP);
        String third = newMemberId(coordinator, GROUP);
        CompletableFuture<JoinGroupResponse> a = coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9),
                join(GROUP, first, "roundrobin", "range", "sticky"));
        CompletableFuture<JoinGroupResponse> b = coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9),
                join(GROUP, second, "sticky", "range"));
        CompletableFuture<JoinGroupResponse> c = coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9),
                join(GROUP, third, "sticky", "range", "roundrobin"));

        // roundrobin is not supported by the second member; sticky gets two votes, range one.
        assertThat(done(a).protocolName()).isEqualTo("sticky");
        assertThat(done(b).protocolName()).isEqualTo("sticky");
        assertThat(done(c).protocolName()).isEqualTo("sticky");
    }

    @Test
    void joinCompletesAfterRebalanceTimeoutWithoutMissingMember() {
        JoinGroupResponse first = stableSingleMember();
        String newcomer = newMemberId(coordinator, GROUP);
        CompletableFuture<JoinGroupResponse> newcomerJoin = joinAs(newcomer);

        // The old member keeps heartbeating but never rejoins.
        for (int elapsed = 0; elapsed < REBALANCE_TIMEOUT_MS - 1000; elapsed += 1000) {
            assertThat(heartbeatAs(1, first.memberId())).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
            timer.advance(1000);
        }
        timer.advance(999);
        assertThat(newcomerJoin).isNotDone();
        timer.advance(1);

        JoinGroupResponse joined = done(newcomerJoin);
        assertThat(joined.error()).isEqualTo(ErrorCode.NONE);
        assertThat(joined.generationId()).isEqualTo(2);
        assertThat(joined.leader()).isEqualTo(newcomer);
        assertThat(joined.members()).extracting(JoinGroupResponse.Member::memberId).containsExactly(newcomer);
        assertThat(heartbeatAs(2, first.memberId())).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
    }

    @Test
    void initialRebalanceDelayGathersMembersIntoOneGeneration() throws IOException {
        coordinator.close();
        coordinator = open(CONFIG.withInitialRebalanceDelayMs(100));
        String first = newMemberId(coordinator, GROUP);
        String second = newMemberId(coordinator, GROUP);

        CompletableFuture<JoinGroupResponse> firstJoin = joinAs(first);
        timer.advance(60);
        CompletableFuture<JoinGroupResponse> secondJoin = joinAs(second);
        timer.advance(60);
        // The second member arrived during the delay, so the delay was extended once.
        assertThat(firstJoin).isNotDone();
        timer.advance(100);

        assertThat(done(firstJoin).generationId()).isEqualTo(1);
        assertThat(done(secondJoin).generationId()).isEqualTo(1);
        assertThat(done(firstJoin).members()).hasSize(2);
    }

    @Test
    void initialRebalanceDelayNeverExceedsRebalanceTimeout() throws IOException {
        coordinator.close();
        coordinator = open(CONFIG.withInitialRebalanceDelayMs(REBALANCE_TIMEOUT_MS / 2));
        CompletableFuture<JoinGroupResponse> firstJoin = joinAs(newMemberId(coordinator, GROUP));
        for (int i = 0; i < 5; i++) {
            timer.advance(REBALANCE_TIMEOUT_MS / 4);
            joinAs(newMemberId(coordinator, GROUP));
        }

        assertThat(firstJoin).isDone();
        assertThat(done(firstJoin).generationId()).isEqualTo(1);
    }

    @Test
    void followerSyncWaitsForLeaderAssignment() {
        JoinGroupResponse first = stableSingleMember();
        String leader = first.memberId();
        String follower = newMemberId(coordinator, GROUP);
        CompletableFuture<JoinGroupResponse> followerJoin = joinAs(follower);
        done(joinAs(leader));
        done(followerJoin);

        CompletableFuture<SyncGroupResponse> followerSync = syncAs(2, follower, Map.of());
        assertThat(followerSync).isNotDone();

        SyncGroupResponse leaderSync = done(syncAs(2, leader, Map.of(leader, "orders-0", follower, "orders-1")));
        assertThat(new String(leaderSync.assignment(), StandardCharsets.UTF_8)).isEqualTo("orders-0");
        assertThat(new String(done(followerSync).assignment(), StandardCharsets.UTF_8)).isEqualTo("orders-1");
        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.STABLE);
    }

    @Test
    void twoMembersShareThePartitions() {
        String a = newMemberId(coordinator, GROUP);
        String b = newMemberId(coordinator, GROUP);
        CompletableFuture<JoinGroupResponse> joinA = joinAs(a);
        CompletableFuture<JoinGroupResponse> joinB = joinAs(b);
        JoinGroupResponse responseA = done(joinA);
        JoinGroupResponse responseB = done(joinB);
        String leader = responseA.leader();
        assertThat(responseB.leader()).isEqualTo(leader);
        int generation = responseA.generationId();

        CompletableFuture<SyncGroupResponse> syncA = syncAs(generation, a,
                a.equals(leader) ? Map.of(a, "orders-0,orders-2", b, "orders-1,orders-3") : Map.of());
        CompletableFuture<SyncGroupResponse> syncB = syncAs(generation, b,
                b.equals(leader) ? Map.of(a, "orders-0,orders-2", b, "orders-1,orders-3") : Map.of());

        assertThat(new String(done(syncA).assignment(), StandardCharsets.UTF_8)).isEqualTo("orders-0,orders-2");
        assertThat(new String(done(syncB).assignment(), StandardCharsets.UTF_8)).isEqualTo("orders-1,orders-3");
        assertThat(heartbeatAs(generation, a)).isEqualTo(ErrorCode.NONE);
        assertThat(heartbeatAs(generation, b)).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void syncErrorsNameTheProblem() {
        JoinGroupResponse joined = stableSingleMember();
        String memberId = joined.memberId();

        assertThat(done(syncAs(5, memberId, Map.of())).error()).isEqualTo(ErrorCode.ILLEGAL_GENERATION);
        assertThat(done(syncAs(1, "client-stranger", Map.of())).error()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(done(coordinator.syncGroup(context(ApiKey.SYNC_GROUP, 5), sync("", 1, memberId, Map.of())))
                .error()).isEqualTo(ErrorCode.INVALID_GROUP_ID);
        assertThat(done(coordinator.syncGroup(context(ApiKey.SYNC_GROUP, 5),
                new SyncGroupRequest(GROUP, 1, memberId, null, CONSUMER, "roundrobin", List.of()))).error())
                .isEqualTo(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);

        joinAs(newMemberId(coordinator, GROUP));
        assertThat(done(syncAs(1, memberId, Map.of())).error()).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
    }

    @Test
    void rebalanceDuringSyncFailsWaitingFollowers() {
        JoinGroupResponse first = stableSingleMember();
        String leader = first.memberId();
        String follower = newMemberId(coordinator, GROUP);
        CompletableFuture<JoinGroupResponse> followerJoin = joinAs(follower);
        done(joinAs(leader));
        done(followerJoin);
        CompletableFuture<SyncGroupResponse> followerSync = syncAs(2, follower, Map.of());

        joinAs(newMemberId(coordinator, GROUP));

        assertThat(done(followerSync).error()).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.PREPARING_REBALANCE);
    }

    @Test
    void stableFollowerRejoiningWithSameMetadataKeepsGeneration() {
        JoinGroupResponse first = stableSingleMember();
        String leader = first.memberId();
        String follower = newMemberId(coordinator, GROUP);
        CompletableFuture<JoinGroupResponse> followerJoin = joinAs(follower);
        done(joinAs(leader));
        done(followerJoin);
        done(syncAs(2, leader, Map.of(leader, "a", follower, "b")));

        JoinGroupResponse rejoin = done(joinAs(follower));

        assertThat(rejoin.generationId()).isEqualTo(2);
        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.STABLE);
    }

    @Test
    void heartbeatErrorsNameTheProblem() {
        JoinGroupResponse joined = stableSingleMember();
        String memberId = joined.memberId();

        assertThat(heartbeatAs(2, memberId)).isEqualTo(ErrorCode.ILLEGAL_GENERATION);
        assertThat(heartbeatAs(1, "client-stranger")).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(done(coordinator.heartbeat(context(ApiKey.HEARTBEAT, 4), heartbeat("", 1, memberId))).error())
                .isEqualTo(ErrorCode.INVALID_GROUP_ID);
        assertThat(done(coordinator.heartbeat(context(ApiKey.HEARTBEAT, 4), heartbeat("other", 1, memberId)))
                .error()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
    }

    @Test
    void heartbeatsKeepMemberAlivePastSessionTimeout() {
        JoinGroupResponse joined = stableSingleMember();

        for (int i = 0; i < 5; i++) {
            timer.advance(SESSION_TIMEOUT_MS - 1);
            assertThat(heartbeatAs(1, joined.memberId())).isEqualTo(ErrorCode.NONE);
        }

        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.STABLE);
    }

    @Test
    void sessionExpiryRemovesMemberAndRebalances() {
        JoinGroupResponse first = stableSingleMember();
        String leader = first.memberId();
        String follower = newMemberId(coordinator, GROUP);
        CompletableFuture<JoinGroupResponse> followerJoin = joinAs(follower);
        done(joinAs(leader));
        done(followerJoin);
        done(syncAs(2, leader, Map.of(leader, "a", follower, "b")));
        CompletableFuture<SyncGroupResponse> followerSync = syncAs(2, follower, Map.of());
        assertThat(done(followerSync).error()).isEqualTo(ErrorCode.NONE);

        // Only the leader heartbeats; the follower's session expires.
        timer.advance(SESSION_TIMEOUT_MS / 2);
        assertThat(heartbeatAs(2, leader)).isEqualTo(ErrorCode.NONE);
        timer.advance(SESSION_TIMEOUT_MS / 2);

        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(heartbeatAs(2, follower)).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(heartbeatAs(2, leader)).isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);

        JoinGroupResponse rejoin = done(joinAs(leader));
        assertThat(rejoin.generationId()).isEqualTo(3);
        assertThat(rejoin.members()).extracting(JoinGroupResponse.Member::memberId).containsExactly(leader);
    }

    @Test
    void lastMemberExpiryEmptiesGroup() {
        stableSingleMember();

        timer.advance(SESSION_TIMEOUT_MS);

        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.DEAD);
    }

    @Test
    void unsyncedMemberRemovedAfterTimeout() {
        JoinGroupResponse first = stableSingleMember();
        String leader = first.memberId();
        String follower = newMemberId(coordinator, GROUP);
        CompletableFuture<JoinGroupResponse> followerJoin = joinAs(follower);
        done(joinAs(leader));
        done(followerJoin);

        // The leader syncs and heartbeats; the follower never syncs.
        done(syncAs(2, leader, Map.of(leader, "a", follower, "b")));
        for (int elapsed = 0; elapsed < REBALANCE_TIMEOUT_MS; elapsed += SESSION_TIMEOUT_MS / 2) {
            heartbeatAs(2, leader);
            timer.advance(SESSION_TIMEOUT_MS / 2);
        }

        assertThat(heartbeatAs(2, follower)).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
    }

    @Test
    void pendingMemberIdExpiresAfterSessionTimeout() {
        String memberId = newMemberId(coordinator, GROUP);

        timer.advance(SESSION_TIMEOUT_MS);

        assertThat(done(joinAs(memberId)).error()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
    }

    @Test
    void groupMaxSizeRejectsExtraMember() throws IOException {
        coordinator.close();
        coordinator = open(CONFIG.withMaxGroupSize(1));
        stableSingleMember();

        assertThat(done(joinAs("")).error()).isEqualTo(ErrorCode.GROUP_MAX_SIZE_REACHED);
    }

    @Test
    void leaveVersionZeroReportsErrorAtTopLevel() {
        JoinGroupResponse joined = stableSingleMember();

        LeaveGroupResponse unknown = done(coordinator.leaveGroup(context(ApiKey.LEAVE_GROUP, 0),
                leave(GROUP, "client-stranger")));
        LeaveGroupResponse left = done(coordinator.leaveGroup(context(ApiKey.LEAVE_GROUP, 0),
                leave(GROUP, joined.memberId())));

        assertThat(unknown.error()).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(left.error()).isEqualTo(ErrorCode.NONE);
        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.DEAD);
    }

    @Test
    void leaveBatchReportsEachMember() {
        JoinGroupResponse first = stableSingleMember();
        String leader = first.memberId();
        String follower = newMemberId(coordinator, GROUP);
        CompletableFuture<JoinGroupResponse> followerJoin = joinAs(follower);
        done(joinAs(leader));
        done(followerJoin);

        LeaveGroupResponse response = done(coordinator.leaveGroup(context(ApiKey.LEAVE_GROUP, 5),
                new LeaveGroupRequest(GROUP, List.of(new LeaveGroupRequest.Member(follower, null, "closing"),
                        new LeaveGroupRequest.Member("client-stranger", null, null)))));

        assertThat(response.error()).isEqualTo(ErrorCode.NONE);
        assertThat(response.members()).extracting(LeaveGroupResponse.Member::error)
                .containsExactly(ErrorCode.NONE, ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.PREPARING_REBALANCE);
        JoinGroupResponse rejoin = done(joinAs(leader));
        assertThat(rejoin.generationId()).isEqualTo(3);
        assertThat(rejoin.members()).hasSize(1);
    }

    @Test
    void leaveOfUnknownGroupReportsUnknownMember() {
        LeaveGroupResponse response = done(coordinator.leaveGroup(context(ApiKey.LEAVE_GROUP, 3),
                leave("no-such-group", "m-1")));

        assertThat(response.error()).isEqualTo(ErrorCode.NONE);
        assertThat(response.members()).extracting(LeaveGroupResponse.Member::error)
                .containsExactly(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(done(coordinator.leaveGroup(context(ApiKey.LEAVE_GROUP, 3), leave("", "m-1"))).error())
                .isEqualTo(ErrorCode.INVALID_GROUP_ID);
    }

    @Test
    void leaveDuringJoinCompletesBarrierForOthers() {
        JoinGroupResponse first = stableSingleMember();
        String leader = first.memberId();
        String newcomer = newMemberId(coordinator, GROUP);
        CompletableFuture<JoinGroupResponse> newcomerJoin = joinAs(newcomer);

        done(coordinator.leaveGroup(context(ApiKey.LEAVE_GROUP, 3), leave(GROUP, leader)));

        JoinGroupResponse joined = done(newcomerJoin);
        assertThat(joined.generationId()).isEqualTo(2);
        assertThat(joined.leader()).isEqualTo(newcomer);
    }

    @Test
    void closeAnswersWaitingJoinRequests() throws IOException {
        JoinGroupResponse first = stableSingleMember();
        CompletableFuture<JoinGroupResponse> newcomerJoin = joinAs(newMemberId(coordinator, GROUP));

        coordinator.close();

        assertThat(done(newcomerJoin).error()).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE);
        assertThat(first.error()).isEqualTo(ErrorCode.NONE);
        coordinator = open(CONFIG);
    }

    @Test
    void binaryAssignmentPassesThroughUnaltered() {
        String memberId = newMemberId(coordinator, GROUP);
        JoinGroupResponse joined = done(joinAs(memberId));
        byte[] binary = {0, 1, 2, (byte) 0xff, 0};

        SyncGroupResponse first = done(coordinator.syncGroup(context(ApiKey.SYNC_GROUP, 5),
                new SyncGroupRequest(GROUP, joined.generationId(), memberId, null, null, null,
                        List.of(new SyncGroupRequest.Assignment(memberId, binary)))));
        // A repeated SyncGroup in Stable returns the stored assignment.
        SyncGroupResponse again = done(coordinator.syncGroup(context(ApiKey.SYNC_GROUP, 5),
                new SyncGroupRequest(GROUP, joined.generationId(), memberId, null, null, null, List.of())));

        assertThat(first.assignment()).isEqualTo(binary);
        assertThat(again.assignment()).isEqualTo(binary);
    }

    @Test
    void memberLeftOutOfAssignmentGetsEmptyOne() {
        JoinGroupResponse first = stableSingleMember();
        String leader = first.memberId();
        String follower = newMemberId(coordinator, GROUP);
        CompletableFuture<JoinGroupResponse> followerJoin = joinAs(follower);
        done(joinAs(leader));
        done(followerJoin);
        CompletableFuture<SyncGroupResponse> followerSync = syncAs(2, follower, Map.of());

        done(syncAs(2, leader, Map.of(leader, "everything")));

        assertThat(done(followerSync).error()).isEqualTo(ErrorCode.NONE);
        assertThat(done(followerSync).assignment()).isEmpty();
    }
}
