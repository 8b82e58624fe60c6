package io.tributary.broker.group;

import static io.tributary.broker.group.GroupTestSupport.CONFIG;
import static io.tributary.broker.group.GroupTestSupport.NODE;
import static io.tributary.broker.group.GroupTestSupport.commit;
import static io.tributary.broker.group.GroupTestSupport.context;
import static io.tributary.broker.group.GroupTestSupport.done;
import static io.tributary.broker.group.GroupTestSupport.fetch;
import static io.tributary.broker.group.GroupTestSupport.fetchAll;
import static io.tributary.broker.group.GroupTestSupport.join;
import static io.tributary.broker.group.GroupTestSupport.newMemberId;
import static io.tributary.broker.group.GroupTestSupport.sync;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.FindCoordinatorRequest;
import io.tributary.protocol.message.FindCoordinatorResponse;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetCommitResponse;
import io.tributary.protocol.message.OffsetFetchRequest;
import io.tributary.protocol.message.OffsetFetchResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** OffsetCommit, OffsetFetch and FindCoordinator against an in-memory offset log. */
class OffsetCommitFetchTest {

    private static final String GROUP = "billing";
    private static final String TOPIC = "orders";

    private ManualGroupTimer timer;
    private GroupTestSupport.TopicTable topics;
    private GroupCoordinator coordinator;

    @BeforeEach
    void setUp() throws IOException {
        timer = new ManualGroupTimer();
        topics = new GroupTestSupport.TopicTable();
        coordinator = GroupCoordinator.open(CONFIG, NODE, topics, new InMemoryOffsetLog(), timer);
    }

    @AfterEach
    void tearDown() throws IOException {
        coordinator.close();
    }

    private ErrorCode commitError(int version, OffsetCommitRequest request) {
        OffsetCommitResponse response = done(coordinator.offsetCommit(context(ApiKey.OFFSET_COMMIT, version), request));
        return response.topics().get(0).partitions().get(0).error();
    }

    private OffsetFetchResponse.Partition fetchOne(String groupId, String topic, int partition) {
        OffsetFetchResponse response = done(coordinator.offsetFetch(context(ApiKey.OFFSET_FETCH, 8),
                fetch(groupId, topic, partition)));
        return response.groups().get(0).topics().get(0).partitions().get(0);
    }

    /** Brings one member to Stable in generation 1 and returns its member id. */
    private String stableMember() {
        String memberId = newMemberId(coordinator, GROUP);
        JoinGroupResponse joined = done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), join(GROUP, memberId)));
        done(coordinator.syncGroup(context(ApiKey.SYNC_GROUP, 5),
                sync(GROUP, joined.generationId(), memberId, Map.of(memberId, "all"))));
        return memberId;
    }

    @Test
    void simpleConsumerCommitsIntoEmptyGroup() {
        assertThat(commitError(8, commit(GROUP, -1, "", TOPIC, 0, 42))).isEqualTo(ErrorCode.NONE);

        OffsetFetchResponse.Partition fetched = fetchOne(GROUP, TOPIC, 0);
        assertThat(fetched.committedOffset()).isEqualTo(42);
        assertThat(fetched.committedLeaderEpoch()).isEqualTo(3);
        assertThat(fetched.metadata()).isEqualTo("meta-42");
        assertThat(fetched.error()).isEqualTo(ErrorCode.NONE);
        assertThat(coordinator.committedOffset(GROUP, TOPIC, 0).commitTimestampMs()).isEqualTo(timer.milliseconds());
    }

    @Test
    void laterCommitReplacesEarlierOne() {
        commitError(8, commit(GROUP, -1, "", TOPIC, 0, 10));
        commitError(8, commit(GROUP, -1, "", TOPIC, 0, 20));

        assertThat(fetchOne(GROUP, TOPIC, 0).committedOffset()).isEqualTo(20);
    }

    @Test
    void memberOfCurrentGenerationCommits() {
        String memberId = stableMember();

        assertThat(commitError(8, commit(GROUP, 1, memberId, TOPIC, 1, 7))).isEqualTo(ErrorCode.NONE);
        assertThat(fetchOne(GROUP, TOPIC, 1).committedOffset()).isEqualTo(7);
    }

    @Test
    void commitWithStaleGenerationIsIllegal() {
        String memberId = stableMember();

        assertThat(commitError(8, commit(GROUP, 0, memberId, TOPIC, 0, 7))).isEqualTo(ErrorCode.ILLEGAL_GENERATION);
        assertThat(fetchOne(GROUP, TOPIC, 0).committedOffset()).isEqualTo(-1);
    }

    @Test
    void commitByNonMemberIsUnknownMember() {
        stableMember();

        assertThat(commitError(8, commit(GROUP, 1, "client-stranger", TOPIC, 0, 7)))
                .isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        // Without member id and generation, commits are accepted only by a group without members.
        assertThat(commitError(8, commit(GROUP, -1, "", TOPIC, 0, 7))).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
    }

    @Test
    void commitWhileCompletingRebalanceIsRejected() {
        String memberId = newMemberId(coordinator, GROUP);
        done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), join(GROUP, memberId)));

        assertThat(commitError(8, commit(GROUP, 1, memberId, TOPIC, 0, 7)))
                .isEqualTo(ErrorCode.REBALANCE_IN_PROGRESS);
    }

    @Test
    void commitDuringPreparingRebalanceIsAccepted() {
        String memberId = stableMember();
        coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), join(GROUP, newMemberId(coordinator, GROUP)));

        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.PREPARING_REBALANCE);
        assertThat(commitError(8, commit(GROUP, 1, memberId, TOPIC, 0, 7))).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void unknownGroupCommitErrorByVersion() {
        assertThat(commitError(8, commit("ghost", 3, "m-1", TOPIC, 0, 7))).isEqualTo(ErrorCode.ILLEGAL_GENERATION);
        assertThat(commitError(9, commit("ghost", 3, "m-1", TOPIC, 0, 7))).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND);
    }

    @Test
    void formerMemberMustRejoinAfterRestart() throws IOException {
        InMemoryOffsetLog sharedLog = new InMemoryOffsetLog();
        String memberId;
        try (GroupCoordinator before = GroupCoordinator.open(CONFIG, NODE, topics, sharedLog, timer)) {
            coordinator.close();
            coordinator = before;
            memberId = stableMember();
            assertThat(commitError(9, commit(GROUP, 1, memberId, TOPIC, 0, 7))).isEqualTo(ErrorCode.NONE);
        }

        coordinator = GroupCoordinator.open(CONFIG, NODE, topics, sharedLog, timer);

        assertThat(fetchOne(GROUP, TOPIC, 0).committedOffset()).isEqualTo(7);
        assertThat(commitError(9, commit(GROUP, 1, memberId, TOPIC, 0, 8))).isEqualTo(ErrorCode.UNKNOWN_MEMBER_ID);
        assertThat(commitError(9, commit(GROUP, -1, "", TOPIC, 0, 9))).isEqualTo(ErrorCode.NONE);
        assertThat(fetchOne(GROUP, TOPIC, 0).committedOffset()).isEqualTo(9);
    }

    @Test
    void commitWithNullGroupIdIsInvalid() {
        assertThat(commitError(8, commit(null, -1, "", TOPIC, 0, 7))).isEqualTo(ErrorCode.INVALID_GROUP_ID);
    }

    @Test
    void oversizedMetadataIsRejectedPerPartition() {
        String tooLong = "x".repeat(CONFIG.offsetMetadataMaxBytes() + 1);
        String maximal = "y".repeat(CONFIG.offsetMetadataMaxBytes());
        OffsetCommitRequest request = new OffsetCommitRequest(GROUP, -1, "", null, -1L, List.of(
                new OffsetCommitRequest.Topic(TOPIC, null, List.of(
                        new OffsetCommitRequest.Partition(0, 5, -1, tooLong),
                        new OffsetCommitRequest.Partition(1, 6, -1, maximal),
                        new OffsetCommitRequest.Partition(2, 7, -1, null)))));

        OffsetCommitResponse response = done(coordinator.offsetCommit(context(ApiKey.OFFSET_COMMIT, 8), request));

        assertThat(response.topics().get(0).partitions()).extracting(OffsetCommitResponse.Partition::error)
                .containsExactly(ErrorCode.OFFSET_METADATA_TOO_LARGE, ErrorCode.NONE, ErrorCode.NONE);
        assertThat(fetchOne(GROUP, TOPIC, 0).committedOffset()).isEqualTo(-1);
        assertThat(fetchOne(GROUP, TOPIC, 1).committedOffset()).isEqualTo(6);
        assertThat(fetchOne(GROUP, TOPIC, 2).metadata()).isEmpty();
    }

    @Test
    void fetchOfUnknownGroupReturnsNoOffset() {
        OffsetFetchResponse.Partition fetched = fetchOne("never-committed", TOPIC, 4);

        assertThat(fetched.committedOffset()).isEqualTo(-1);
        assertThat(fetched.committedLeaderEpoch()).isEqualTo(-1);
        assertThat(fetched.metadata()).isEmpty();
        assertThat(fetched.error()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void fetchWithNullTopicsReturnsEveryCommittedPartition() {
        commitError(8, commit(GROUP, -1, "", TOPIC, 0, 1));
        commitError(8, commit(GROUP, -1, "", TOPIC, 3, 2));
        commitError(8, commit(GROUP, -1, "", "payments", 1, 3));
        commitError(8, commit("other-group", -1, "", TOPIC, 0, 99));

        OffsetFetchResponse response = done(coordinator.offsetFetch(context(ApiKey.OFFSET_FETCH, 8), fetchAll(GROUP)));

        OffsetFetchResponse.Group group = response.groups().get(0);
        assertThat(group.error()).isEqualTo(ErrorCode.NONE);
        assertThat(group.topics()).extracting(OffsetFetchResponse.Topic::name)
                .containsExactlyInAnyOrder(TOPIC, "payments");
        OffsetFetchResponse.Topic orders = group.topics().stream().filter(t -> t.name().equals(TOPIC)).findFirst()
                .orElseThrow();
        assertThat(orders.partitions()).extracting(OffsetFetchResponse.Partition::committedOffset)
                .containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void fetchOfSeveralGroups() {
        commitError(8, commit(GROUP, -1, "", TOPIC, 0, 1));
        OffsetFetchRequest request = new OffsetFetchRequest(List.of(
                new OffsetFetchRequest.Group(GROUP, null, -1, null),
                new OffsetFetchRequest.Group(null, null, -1, null)), false);

        OffsetFetchResponse response = done(coordinator.offsetFetch(context(ApiKey.OFFSET_FETCH, 9), request));

        assertThat(response.groups()).extracting(OffsetFetchResponse.Group::error)
                .containsExactly(ErrorCode.NONE, ErrorCode.INVALID_GROUP_ID);
    }

    @Test
    void commitAndFetchByTopicId() {
        UUID ordersId = topics.add(TOPIC);
        OffsetCommitRequest request = new OffsetCommitRequest(GROUP, -1, "", null, -1L, List.of(
                new OffsetCommitRequest.Topic(null, ordersId, List.of(new OffsetCommitRequest.Partition(2, 11, 1, null)))));

        OffsetCommitResponse committed = done(coordinator.offsetCommit(context(ApiKey.OFFSET_COMMIT, 10), request));
        assertThat(committed.topics().get(0).topicId()).isEqualTo(ordersId);
        assertThat(committed.topics().get(0).partitions().get(0).error()).isEqualTo(ErrorCode.NONE);
        assertThat(coordinator.committedOffset(GROUP, TOPIC, 2).offset()).isEqualTo(11);

        OffsetFetchRequest byId = new OffsetFetchRequest(List.of(new OffsetFetchRequest.Group(GROUP, null, -1,
                List.of(new OffsetFetchRequest.Topic(null, ordersId, List.of(2))))), false);
        OffsetFetchResponse fetched = done(coordinator.offsetFetch(context(ApiKey.OFFSET_FETCH, 10), byId));
        assertThat(fetched.groups().get(0).topics().get(0).partitions().get(0).committedOffset()).isEqualTo(11);

        OffsetFetchResponse all = done(coordinator.offsetFetch(context(ApiKey.OFFSET_FETCH, 10), fetchAll(GROUP)));
        assertThat(all.groups().get(0).topics().get(0).topicId()).isEqualTo(ordersId);
    }

    @Test
    void unknownTopicIdIsRejectedInVersionTen() {
        UUID unknown = UUID.randomUUID();
        OffsetCommitRequest request = new OffsetCommitRequest(GROUP, -1, "", null, -1L, List.of(
                new OffsetCommitRequest.Topic(null, unknown, List.of(new OffsetCommitRequest.Partition(0, 1, -1, null)))));
        OffsetFetchRequest fetchRequest = new OffsetFetchRequest(List.of(new OffsetFetchRequest.Group(GROUP, null, -1,
                List.of(new OffsetFetchRequest.Topic(null, unknown, List.of(0))))), false);

        assertThat(commitError(10, request)).isEqualTo(ErrorCode.UNKNOWN_TOPIC_ID);
        OffsetFetchResponse fetched = done(coordinator.offsetFetch(context(ApiKey.OFFSET_FETCH, 10), fetchRequest));
        assertThat(fetched.groups().get(0).topics().get(0).partitions().get(0).error())
                .isEqualTo(ErrorCode.UNKNOWN_TOPIC_ID);
    }

    @Test
    void commitBecomesVisibleOnlyWhenDurable() throws IOException {
        HeldOffsetLog held = new HeldOffsetLog();
        try (GroupCoordinator heldCoordinator = GroupCoordinator.open(CONFIG, NODE, topics, held, timer)) {
            CompletableFuture<OffsetCommitResponse> pending = heldCoordinator.offsetCommit(
                    context(ApiKey.OFFSET_COMMIT, 8), commit(GROUP, -1, "", TOPIC, 0, 5));
            OffsetFetchRequest stable = new OffsetFetchRequest(List.of(new OffsetFetchRequest.Group(GROUP, null, -1,
                    List.of(new OffsetFetchRequest.Topic(TOPIC, null, List.of(0))))), true);

            assertThat(pending).isNotDone();
            OffsetFetchResponse.Partition whilePending = done(heldCoordinator.offsetFetch(
                    context(ApiKey.OFFSET_FETCH, 8), stable)).groups().get(0).topics().get(0).partitions().get(0);
            assertThat(whilePending.error()).isEqualTo(ErrorCode.UNSTABLE_OFFSET_COMMIT);
            assertThat(heldCoordinator.committedOffset(GROUP, TOPIC, 0)).isNull();

            held.releaseOldest();

            assertThat(done(pending).topics().get(0).partitions().get(0).error()).isEqualTo(ErrorCode.NONE);
            OffsetFetchResponse.Partition afterwards = done(heldCoordinator.offsetFetch(
                    context(ApiKey.OFFSET_FETCH, 8), stable)).groups().get(0).topics().get(0).partitions().get(0);
            assertThat(afterwards.error()).isEqualTo(ErrorCode.NONE);
            assertThat(afterwards.committedOffset()).isEqualTo(5);
        }
    }

    @Test
    void failedWriteReportsCoordinatorNotAvailable() throws IOException {
        HeldOffsetLog held = new HeldOffsetLog();
        try (GroupCoordinator heldCoordinator = GroupCoordinator.open(CONFIG, NODE, topics, held, timer)) {
            CompletableFuture<OffsetCommitResponse> pending = heldCoordinator.offsetCommit(
                    context(ApiKey.OFFSET_COMMIT, 8), commit(GROUP, -1, "", TOPIC, 0, 5));

            held.failOldest();

            assertThat(done(pending).topics().get(0).partitions().get(0).error())
                    .isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE);
            assertThat(heldCoordinator.committedOffset(GROUP, TOPIC, 0)).isNull();
        }
    }

    @Test
    void commitAfterCloseIsRejected() throws IOException {
        coordinator.close();

        assertThat(commitError(8, commit(GROUP, -1, "", TOPIC, 0, 5))).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE);
        coordinator = GroupCoordinator.open(CONFIG, NODE, topics, new InMemoryOffsetLog(), timer);
    }

    @Test
    void committedOffsetsKeepEmptyGroupAlive() {
        String memberId = stableMember();
        commitError(8, commit(GROUP, 1, memberId, TOPIC, 0, 5));

        timer.advance(GroupTestSupport.SESSION_TIMEOUT_MS);

        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.EMPTY);
        assertThat(commitError(8, commit(GROUP, -1, "", TOPIC, 0, 6))).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void commitRestartsMemberSessionTimer() {
        String memberId = stableMember();

        timer.advance(GroupTestSupport.SESSION_TIMEOUT_MS - 1);
        commitError(8, commit(GROUP, 1, memberId, TOPIC, 0, 5));
        timer.advance(GroupTestSupport.SESSION_TIMEOUT_MS - 1);

        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.STABLE);
    }

    @Test
    void findCoordinatorReturnsThisNode() {
        FindCoordinatorResponse groups = done(coordinator.findCoordinator(context(ApiKey.FIND_COORDINATOR, 4),
                new FindCoordinatorRequest(FindCoordinatorRequest.KEY_TYPE_GROUP, List.of(GROUP, "other"))));
        FindCoordinatorResponse transactions = done(coordinator.findCoordinator(context(ApiKey.FIND_COORDINATOR, 4),
                new FindCoordinatorRequest(FindCoordinatorRequest.KEY_TYPE_TRANSACTION, List.of("tx-1"))));

        assertThat(groups.coordinators()).extracting(FindCoordinatorResponse.Coordinator::key)
                .containsExactly(GROUP, "other");
        for (FindCoordinatorResponse.Coordinator found : groups.coordinators()) {
            assertThat(found.nodeId()).isEqualTo(NODE.nodeId());
            assertThat(found.host()).isEqualTo(NODE.host());
            assertThat(found.port()).isEqualTo(NODE.port());
            assertThat(found.error()).isEqualTo(ErrorCode.NONE);
        }
        assertThat(transactions.coordinators().get(0).nodeId()).isEqualTo(NODE.nodeId());
        assertThat(transactions.coordinators().get(0).error()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void findCoordinatorRejectsUnknownKeyType() {
        FindCoordinatorResponse response = done(coordinator.findCoordinator(context(ApiKey.FIND_COORDINATOR, 4),
                new FindCoordinatorRequest((byte) 7, List.of("k"))));

        assertThat(response.coordinators().get(0).error()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }
}
