package io.tributary.broker.group;

import static io.tributary.broker.group.GroupTestSupport.CONFIG;
import static io.tributary.broker.group.GroupTestSupport.NODE;
import static io.tributary.broker.group.GroupTestSupport.REBALANCE_TIMEOUT_MS;
import static io.tributary.broker.group.GroupTestSupport.SESSION_TIMEOUT_MS;
import static io.tributary.broker.group.GroupTestSupport.bytes;
import static io.tributary.broker.group.GroupTestSupport.commit;
import static io.tributary.broker.group.GroupTestSupport.context;
import static io.tributary.broker.group.GroupTestSupport.done;
import static io.tributary.broker.group.GroupTestSupport.leave;
import static io.tributary.broker.group.GroupTestSupport.sync;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.DeleteGroupsRequest;
import io.tributary.protocol.message.DeleteGroupsResponse;
import io.tributary.protocol.message.DescribeGroupsRequest;
import io.tributary.protocol.message.DescribeGroupsResponse;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.ListGroupsRequest;
import io.tributary.protocol.message.ListGroupsResponse;
import io.tributary.protocol.message.OffsetDeleteRequest;
import io.tributary.protocol.message.OffsetDeleteResponse;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ListGroups, DescribeGroups, DeleteGroups and OffsetDelete against a coordinator on an in-memory log. */
class GroupAdminTest {

    private static final String GROUP = "billing";
    private static final String SUBSCRIBED = "orders";
    private static final String OTHER = "payments";

    private final ManualGroupTimer timer = new ManualGroupTimer();
    private final InMemoryOffsetLog offsetLog = new InMemoryOffsetLog();
    private GroupCoordinator coordinator;

    @BeforeEach
    void setUp() throws IOException {
        coordinator = open(offsetLog);
    }

    @AfterEach
    void tearDown() throws IOException {
        coordinator.close();
    }

    private GroupCoordinator open(OffsetLog log) throws IOException {
        return GroupCoordinator.open(CONFIG, NODE, new GroupTestSupport.TopicTable(), log, timer);
    }

    /** Encodes a ConsumerProtocolSubscription v0: version, topic array, null user data. */
    private static byte[] subscription(String... topics) {
        int size = 2 + 4 + 4 + Arrays.stream(topics).mapToInt(topic -> 2 + topic.length()).sum();
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putShort((short) 0);
        buffer.putInt(topics.length);
        for (String topic : topics) {
            byte[] name = topic.getBytes(StandardCharsets.UTF_8);
            buffer.putShort((short) name.length);
            buffer.put(name);
        }
        buffer.putInt(-1);
        return buffer.array();
    }

    /** Joins one member with the given protocol type and metadata, syncs it, and returns its member id. */
    private String stableMember(String groupId, String protocolType, byte[] metadata) {
        JoinGroupRequest join = new JoinGroupRequest(groupId, SESSION_TIMEOUT_MS, REBALANCE_TIMEOUT_MS, "", null,
                protocolType, List.of(new JoinGroupRequest.Protocol("range", metadata)), null);
        String memberId = done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), join)).memberId();
        JoinGroupRequest rejoin = new JoinGroupRequest(groupId, SESSION_TIMEOUT_MS, REBALANCE_TIMEOUT_MS, memberId,
                null, protocolType, join.protocols(), null);
        JoinGroupResponse joined = done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), rejoin));
        assertThat(joined.error()).isEqualTo(ErrorCode.NONE);
        done(coordinator.syncGroup(context(ApiKey.SYNC_GROUP, 5),
                sync(groupId, joined.generationId(), memberId, Map.of(memberId, "assigned"))));
        assertThat(coordinator.groupState(groupId)).isEqualTo(GroupState.STABLE);
        return memberId;
    }

    private void commitWithoutGroup(String groupId, String topic, int partition, long offset) {
        ErrorCode error = done(coordinator.offsetCommit(context(ApiKey.OFFSET_COMMIT, 8),
                commit(groupId, -1, "", topic, partition, offset))).topics().get(0).partitions().get(0).error();
        assertThat(error).isEqualTo(ErrorCode.NONE);
    }

    private ListGroupsResponse list(List<String> states, List<String> types) {
        return done(coordinator.listGroups(context(ApiKey.LIST_GROUPS, 5), new ListGroupsRequest(states, types)));
    }

    private DescribeGroupsResponse.DescribedGroup describe(String groupId, int version) {
        return done(coordinator.describeGroups(context(ApiKey.DESCRIBE_GROUPS, version),
                new DescribeGroupsRequest(List.of(groupId), false))).groups().get(0);
    }

    private ErrorCode delete(String groupId) {
        List<String> groupIds = new java.util.ArrayList<>();
        groupIds.add(groupId);
        DeleteGroupsResponse response = done(coordinator.deleteGroups(context(ApiKey.DELETE_GROUPS, 2),
                new DeleteGroupsRequest(groupIds)));
        assertThat(response.results()).hasSize(1);
        return response.results().get(0).error();
    }

    private OffsetDeleteResponse deleteOffsets(String groupId, String... topics) {
        List<OffsetDeleteRequest.Topic> requested = Arrays.stream(topics)
                .map(topic -> new OffsetDeleteRequest.Topic(topic, List.of(0, 1)))
                .toList();
        return done(coordinator.offsetDelete(context(ApiKey.OFFSET_DELETE, 0),
                new OffsetDeleteRequest(groupId, requested)));
    }

    private static ErrorCode partitionError(OffsetDeleteResponse response, String topic, int partition) {
        return response.topics().stream().filter(t -> t.name().equals(topic)).findFirst().orElseThrow()
                .partitions().stream().filter(p -> p.partition() == partition).findFirst().orElseThrow().error();
    }

    // ListGroups

    @Test
    void listGroupsIncludesOffsetOnlyGroups() {
        stableMember(GROUP, "consumer", subscription(SUBSCRIBED));
        commitWithoutGroup("archive", OTHER, 0, 10);

        List<ListGroupsResponse.ListedGroup> groups = list(List.of(), List.of()).groups();

        assertThat(groups).containsExactly(
                new ListGroupsResponse.ListedGroup("archive", "", "Empty", "classic"),
                new ListGroupsResponse.ListedGroup(GROUP, "consumer", "Stable", "classic"));
    }

    @Test
    void listGroupsFiltersIgnoreCase() {
        stableMember(GROUP, "consumer", subscription(SUBSCRIBED));
        commitWithoutGroup("archive", OTHER, 0, 10);

        assertThat(list(List.of("stable"), List.of()).groups())
                .extracting(ListGroupsResponse.ListedGroup::groupId).containsExactly(GROUP);
        assertThat(list(List.of("Empty", "Dead"), List.of("Classic")).groups())
                .extracting(ListGroupsResponse.ListedGroup::groupId).containsExactly("archive");
        assertThat(list(List.of(), List.of("consumer")).groups()).isEmpty();
    }

    // DescribeGroups

    @Test
    void describeStableGroupReportsMembers() {
        byte[] metadata = subscription(SUBSCRIBED);
        String memberId = stableMember(GROUP, "consumer", metadata);

        DescribeGroupsResponse.DescribedGroup group = describe(GROUP, 5);

        assertThat(group.error()).isEqualTo(ErrorCode.NONE);
        assertThat(group.groupState()).isEqualTo("Stable");
        assertThat(group.protocolType()).isEqualTo("consumer");
        assertThat(group.protocolData()).isEqualTo("range");
        assertThat(group.members()).hasSize(1);
        DescribeGroupsResponse.Member member = group.members().get(0);
        assertThat(member.memberId()).isEqualTo(memberId);
        assertThat(member.clientId()).isEqualTo("client");
        assertThat(member.clientHost()).isEqualTo("/127.0.0.1");
        assertThat(member.metadata()).isEqualTo(metadata);
        assertThat(member.assignment()).isEqualTo(bytes("assigned"));
        assertThat(group.authorizedOperations()).isEqualTo(DescribeGroupsResponse.AUTHORIZED_OPERATIONS_OMITTED);
    }

    @Test
    void describeRebalancingGroupOmitsMetadata() {
        stableMember(GROUP, "consumer", subscription(SUBSCRIBED));
        JoinGroupRequest second = new JoinGroupRequest(GROUP, SESSION_TIMEOUT_MS, REBALANCE_TIMEOUT_MS, "", null,
                "consumer", List.of(new JoinGroupRequest.Protocol("range", subscription(SUBSCRIBED))), null);
        String newcomer = done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), second)).memberId();
        CompletableFuture<JoinGroupResponse> waiting = coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9),
                new JoinGroupRequest(GROUP, SESSION_TIMEOUT_MS, REBALANCE_TIMEOUT_MS, newcomer, null, "consumer",
                        second.protocols(), null));

        DescribeGroupsResponse.DescribedGroup group = describe(GROUP, 5);

        assertThat(waiting).isNotDone();
        assertThat(group.groupState()).isEqualTo("PreparingRebalance");
        assertThat(group.protocolData()).isEmpty();
        assertThat(group.members()).hasSize(2);
        assertThat(group.members()).allSatisfy(member -> {
            assertThat(member.metadata()).isEmpty();
            assertThat(member.assignment()).isEmpty();
        });
    }

    @Test
    void describeUnknownGroupBeforeV6() {
        DescribeGroupsResponse.DescribedGroup group = describe("missing", 5);

        assertThat(group.error()).isEqualTo(ErrorCode.NONE);
        assertThat(group.groupId()).isEqualTo("missing");
        assertThat(group.groupState()).isEqualTo("Dead");
        assertThat(group.members()).isEmpty();
    }

    @Test
    void describeUnknownGroupFromV6() {
        DescribeGroupsResponse.DescribedGroup group = describe("missing", 6);

        assertThat(group.error()).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND);
        assertThat(group.groupState()).isEqualTo("Dead");
        assertThat(group.errorMessage()).contains("missing");
    }

    @Test
    void describeOffsetOnlyGroupIsEmpty() {
        commitWithoutGroup("archive", OTHER, 0, 10);

        DescribeGroupsResponse.DescribedGroup group = describe("archive", 6);

        assertThat(group.error()).isEqualTo(ErrorCode.NONE);
        assertThat(group.groupState()).isEqualTo("Empty");
        assertThat(group.protocolType()).isEmpty();
        assertThat(group.members()).isEmpty();
    }

    // DeleteGroups

    @Test
    void deleteGroupsRejectsGroupWithMembers() {
        stableMember(GROUP, "consumer", subscription(SUBSCRIBED));

        assertThat(delete(GROUP)).isEqualTo(ErrorCode.NON_EMPTY_GROUP);
        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.STABLE);
    }

    @Test
    void deleteGroupsUnknownGroupIsNotFound() {
        assertThat(delete("missing")).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND);
        assertThat(delete(null)).isEqualTo(ErrorCode.INVALID_GROUP_ID);
    }

    @Test
    void deleteGroupsRemovesEmptyGroupAndOffsetsDurably() throws IOException {
        String memberId = stableMember(GROUP, "consumer", subscription(SUBSCRIBED));
        done(coordinator.offsetCommit(context(ApiKey.OFFSET_COMMIT, 8), commit(GROUP, 1, memberId, SUBSCRIBED, 0, 42)));
        done(coordinator.leaveGroup(context(ApiKey.LEAVE_GROUP, 5), leave(GROUP, memberId)));
        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.EMPTY);

        assertThat(delete(GROUP)).isEqualTo(ErrorCode.NONE);

        assertThat(coordinator.committedOffset(GROUP, SUBSCRIBED, 0)).isNull();
        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.DEAD);
        assertThat(delete(GROUP)).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND);
        coordinator.close();
        coordinator = open(offsetLog);
        assertThat(coordinator.committedOffset(GROUP, SUBSCRIBED, 0)).isNull();
        assertThat(list(List.of(), List.of()).groups()).isEmpty();
    }

    @Test
    void deleteGroupsRemovesOffsetOnlyGroup() {
        commitWithoutGroup("archive", OTHER, 0, 10);

        assertThat(delete("archive")).isEqualTo(ErrorCode.NONE);

        assertThat(coordinator.committedOffset("archive", OTHER, 0)).isNull();
        assertThat(describe("archive", 5).groupState()).isEqualTo("Dead");
    }

    @Test
    void deleteGroupsReportsFailedWrite() throws IOException {
        coordinator.close();
        HeldOffsetLog heldLog = new HeldOffsetLog();
        coordinator = open(heldLog);
        CompletableFuture<?> committed = coordinator.offsetCommit(context(ApiKey.OFFSET_COMMIT, 8),
                commit("archive", -1, "", OTHER, 0, 10));
        heldLog.releaseOldest();
        done(committed);

        CompletableFuture<DeleteGroupsResponse> deleted = coordinator.deleteGroups(
                context(ApiKey.DELETE_GROUPS, 2), new DeleteGroupsRequest(List.of("archive")));
        assertThat(deleted).isNotDone();
        heldLog.failOldest();

        assertThat(done(deleted).results().get(0).error()).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE);
        assertThat(coordinator.committedOffset("archive", OTHER, 0)).isNotNull();
    }

    // OffsetDelete

    @Test
    void offsetDeleteKeepsSubscribedTopic() {
        String memberId = stableMember(GROUP, "consumer", subscription(SUBSCRIBED));
        done(coordinator.offsetCommit(context(ApiKey.OFFSET_COMMIT, 8), commit(GROUP, 1, memberId, SUBSCRIBED, 0, 4)));
        done(coordinator.offsetCommit(context(ApiKey.OFFSET_COMMIT, 8), commit(GROUP, 1, memberId, OTHER, 0, 7)));

        OffsetDeleteResponse response = deleteOffsets(GROUP, SUBSCRIBED, OTHER);

        assertThat(response.error()).isEqualTo(ErrorCode.NONE);
        assertThat(partitionError(response, SUBSCRIBED, 0)).isEqualTo(ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC);
        assertThat(partitionError(response, SUBSCRIBED, 1)).isEqualTo(ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC);
        assertThat(partitionError(response, OTHER, 0)).isEqualTo(ErrorCode.NONE);
        assertThat(partitionError(response, OTHER, 1)).isEqualTo(ErrorCode.NONE);
        assertThat(coordinator.committedOffset(GROUP, SUBSCRIBED, 0)).isNotNull();
        assertThat(coordinator.committedOffset(GROUP, OTHER, 0)).isNull();
    }

    @Test
    void offsetDeleteTreatsUnreadableSubscriptionAsSubscribed() {
        stableMember(GROUP, "consumer", bytes("not a subscription"));

        OffsetDeleteResponse response = deleteOffsets(GROUP, OTHER);

        assertThat(partitionError(response, OTHER, 0)).isEqualTo(ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC);
    }

    @Test
    void offsetDeleteRejectsNonConsumerGroupWithMembers() {
        stableMember(GROUP, "connect", bytes("worker"));

        OffsetDeleteResponse response = deleteOffsets(GROUP, OTHER);

        assertThat(response.error()).isEqualTo(ErrorCode.NON_EMPTY_GROUP);
        assertThat(response.topics()).isEmpty();
    }

    @Test
    void offsetDeleteUnknownGroupIsNotFound() {
        assertThat(deleteOffsets("missing", OTHER).error()).isEqualTo(ErrorCode.GROUP_ID_NOT_FOUND);
        assertThat(deleteOffsets("", OTHER).error()).isEqualTo(ErrorCode.INVALID_GROUP_ID);
    }

    @Test
    void offsetDeleteOfEmptyGroupIsDurable() throws IOException {
        commitWithoutGroup("archive", OTHER, 0, 10);
        commitWithoutGroup("archive", OTHER, 2, 20);

        OffsetDeleteResponse response = deleteOffsets("archive", OTHER);

        assertThat(response.error()).isEqualTo(ErrorCode.NONE);
        assertThat(partitionError(response, OTHER, 0)).isEqualTo(ErrorCode.NONE);
        assertThat(partitionError(response, OTHER, 1)).isEqualTo(ErrorCode.NONE);
        coordinator.close();
        coordinator = open(offsetLog);
        assertThat(coordinator.committedOffset("archive", OTHER, 0)).isNull();
        assertThat(coordinator.committedOffset("archive", OTHER, 2)).isNotNull();
    }
}
