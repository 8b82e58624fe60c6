package io.tributary.broker.group;

import io.tributary.broker.RequestContext;
import io.tributary.broker.TopicIdResolver;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.message.HeartbeatRequest;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.LeaveGroupRequest;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetFetchRequest;
import io.tributary.protocol.message.SyncGroupRequest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/** Request builders and a topic-id table shared by the coordinator tests. */
final class GroupTestSupport {

    static final String CONSUMER = "consumer";
    static final int SESSION_TIMEOUT_MS = 10_000;
    static final int REBALANCE_TIMEOUT_MS = 30_000;
    static final GroupConfig CONFIG = GroupConfig.defaults().withInitialRebalanceDelayMs(0);
    static final CoordinatorNode NODE = new CoordinatorNode(1, "127.0.0.1", 9092);

    private GroupTestSupport() {
    }

    static RequestContext context(ApiKey apiKey, int version) {
        return new RequestContext(new RequestHeader(apiKey, (short) version, 7, "client"), "connection-1",
                new InetSocketAddress("127.0.0.1", 50_000));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static JoinGroupRequest join(String groupId, String memberId, String... protocolNames) {
        List<JoinGroupRequest.Protocol> protocols = java.util.Arrays.stream(protocolNames.length == 0
                        ? new String[] {"range"} : protocolNames)
                .map(name -> new JoinGroupRequest.Protocol(name, bytes(name + "-metadata-" + memberId)))
                .toList();
        return new JoinGroupRequest(groupId, SESSION_TIMEOUT_MS, REBALANCE_TIMEOUT_MS, memberId, null, CONSUMER,
                protocols, null);
    }

    static SyncGroupRequest sync(String groupId, int generation, String memberId,
                                 Map<String, String> assignments) {
        List<SyncGroupRequest.Assignment> list = assignments.entrySet().stream()
                .map(entry -> new SyncGroupRequest.Assignment(entry.getKey(), bytes(entry.getValue())))
                .toList();
        return new SyncGroupRequest(groupId, generation, memberId, null, null, null, list);
    }

    static HeartbeatRequest heartbeat(String groupId, int generation, String memberId) {
        return new HeartbeatRequest(groupId, generation, memberId, null);
    }

    static LeaveGroupRequest leave(String groupId, String... memberIds) {
        return new LeaveGroupRequest(groupId, java.util.Arrays.stream(memberIds)
                .map(id -> new LeaveGroupRequest.Member(id, null, null)).toList());
    }

    static OffsetCommitRequest commit(String groupId, int generation, String memberId, String topic, int partition,
                                      long offset) {
        return new OffsetCommitRequest(groupId, generation, memberId, null, -1L, List.of(
                new OffsetCommitRequest.Topic(topic, null, List.of(
                        new OffsetCommitRequest.Partition(partition, offset, 3, "meta-" + offset)))));
    }

    static OffsetFetchRequest fetch(String groupId, String topic, Integer... partitions) {
        return new OffsetFetchRequest(List.of(new OffsetFetchRequest.Group(groupId, null, -1,
                List.of(new OffsetFetchRequest.Topic(topic, null, List.of(partitions))))), false);
    }

    static OffsetFetchRequest fetchAll(String groupId) {
        return new OffsetFetchRequest(List.of(new OffsetFetchRequest.Group(groupId, null, -1, null)), false);
    }

    static <T> T done(CompletableFuture<T> future) {
        try {
            return future.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Future did not complete: " + e, e);
        }
    }

    /** A fixed name-to-id table. */
    static final class TopicTable implements TopicIdResolver {
        private final Map<String, UUID> ids = new ConcurrentHashMap<>();

        UUID add(String name) {
            return ids.computeIfAbsent(name, key -> UUID.randomUUID());
        }

        @Override
        public Optional<UUID> topicId(String name) {
            return Optional.ofNullable(ids.get(name));
        }

        @Override
        public Optional<String> topicName(UUID topicId) {
            return ids.entrySet().stream().filter(entry -> entry.getValue().equals(topicId))
                    .map(Map.Entry::getKey).findFirst();
        }
    }

    /** Joins a fresh member with the v4+ two-step handshake and returns the member id to rejoin with. */
    static String newMemberId(GroupCoordinator coordinator, String groupId) {
        JoinGroupResponse first = done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), join(groupId, "")));
        if (first.memberId() == null || first.memberId().isEmpty()) {
            throw new AssertionError("No member id in " + first);
        }
        return first.memberId();
    }
}
