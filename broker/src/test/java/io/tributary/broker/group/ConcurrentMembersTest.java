package io.tributary.broker.group;

import static io.tributary.broker.group.GroupTestSupport.CONFIG;
import static io.tributary.broker.group.GroupTestSupport.NODE;
import static io.tributary.broker.group.GroupTestSupport.context;
import static io.tributary.broker.group.GroupTestSupport.join;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.SyncGroupRequest;
import io.tributary.protocol.message.SyncGroupResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Members on separate threads join one group at the same time, with the system timer. */
class ConcurrentMembersTest {

    private static final String GROUP = "parallel";
    private static final int MEMBERS = 8;

    /** Joins like a client: rejoins after each JoinGroup error, then syncs. */
    private static String joinAndSync(GroupCoordinator coordinator) throws Exception {
        String memberId = coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), join(GROUP, ""))
                .get(10, TimeUnit.SECONDS).memberId();
        for (int attempt = 0; attempt < 20; attempt++) {
            JoinGroupResponse joined = coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), join(GROUP, memberId))
                    .get(10, TimeUnit.SECONDS);
            if (joined.error() != ErrorCode.NONE) {
                continue;
            }
            List<SyncGroupRequest.Assignment> plan = new ArrayList<>();
            for (JoinGroupResponse.Member member : joined.members()) {
                plan.add(new SyncGroupRequest.Assignment(member.memberId(),
                        ("for-" + member.memberId()).getBytes(StandardCharsets.UTF_8)));
            }
            SyncGroupResponse synced = coordinator.syncGroup(context(ApiKey.SYNC_GROUP, 5), new SyncGroupRequest(
                    GROUP, joined.generationId(), memberId, null, null, null, plan)).get(10, TimeUnit.SECONDS);
            if (synced.error() == ErrorCode.NONE) {
                return new String(synced.assignment(), StandardCharsets.UTF_8);
            }
        }
        throw new AssertionError("Member " + memberId + " did not reach Stable");
    }

    @Test
    void simultaneousJoinsReachOneStableGeneration() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(MEMBERS);
        try (SystemGroupTimer timer = new SystemGroupTimer();
             GroupCoordinator coordinator = GroupCoordinator.open(CONFIG.withInitialRebalanceDelayMs(200), NODE,
                     new GroupTestSupport.TopicTable(), new InMemoryOffsetLog(), timer)) {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < MEMBERS; i++) {
                results.add(threads.submit(() -> joinAndSync(coordinator)));
            }

            Set<String> assignments = new HashSet<>();
            for (Future<String> result : results) {
                assignments.add(result.get(30, TimeUnit.SECONDS));
            }

            assertThat(assignments).hasSize(MEMBERS);
            assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.STABLE);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void concurrentCommitsKeepLatestPerPartition() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try (SystemGroupTimer timer = new SystemGroupTimer();
             GroupCoordinator coordinator = GroupCoordinator.open(CONFIG, NODE, new GroupTestSupport.TopicTable(),
                     new InMemoryOffsetLog(), timer)) {
            List<Future<?>> writers = new ArrayList<>();
            for (int partition = 0; partition < 4; partition++) {
                int p = partition;
                writers.add(threads.submit(() -> {
                    for (long offset = 1; offset <= 200; offset++) {
                        CompletableFuture<?> done = coordinator.offsetCommit(context(ApiKey.OFFSET_COMMIT, 8),
                                GroupTestSupport.commit(GROUP, -1, "", "orders", p, offset));
                        done.join();
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(30, TimeUnit.SECONDS);
            }

            for (int partition = 0; partition < 4; partition++) {
                assertThat(coordinator.committedOffset(GROUP, "orders", partition).offset())
                        .as("partition %d", partition).isEqualTo(200);
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
