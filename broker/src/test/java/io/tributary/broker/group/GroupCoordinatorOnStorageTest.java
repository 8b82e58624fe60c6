package io.tributary.broker.group;

import static io.tributary.broker.group.GroupTestSupport.NODE;
import static io.tributary.broker.group.GroupTestSupport.commit;
import static io.tributary.broker.group.GroupTestSupport.context;
import static io.tributary.broker.group.GroupTestSupport.done;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.OffsetCommitResponse;
import io.tributary.protocol.message.SyncGroupRequest;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The coordinator as a broker builds it: on real storage with the system timer. */
class GroupCoordinatorOnStorageTest {

    private static final String GROUP = "live-group";
    private static final int SESSION_TIMEOUT_MS = 300;

    @TempDir
    Path dataDir;

    private final GroupConfig config = GroupConfig.defaults().withInitialRebalanceDelayMs(0)
            .withSessionTimeoutBounds(100, 60_000);
    private final GroupTestSupport.TopicTable topics = new GroupTestSupport.TopicTable();

    private JoinGroupRequest join(String memberId) {
        return new JoinGroupRequest(GROUP, SESSION_TIMEOUT_MS, 5_000, memberId, null, "consumer",
                List.of(new JoinGroupRequest.Protocol("range", new byte[] {1})), null);
    }

    @Test
    void sessionExpiresOnSystemTimer() throws IOException {
        try (LogManager logManager = LogManager.open(dataDir, LogConfig.defaults());
             GroupCoordinator coordinator = GroupCoordinator.openOnStorage(config, NODE, topics, logManager)) {
            String memberId = done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), join(""))).memberId();
            JoinGroupResponse joined = done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), join(memberId)));
            done(coordinator.syncGroup(context(ApiKey.SYNC_GROUP, 5), new SyncGroupRequest(GROUP,
                    joined.generationId(), memberId, null, null, null, List.of())));
            assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.STABLE);

            await().atMost(Duration.ofSeconds(10))
                    .until(() -> coordinator.groupState(GROUP) == GroupState.DEAD);
        }
    }

    @Test
    void offsetsSurviveReopenOnStorage() throws IOException {
        try (LogManager logManager = LogManager.open(dataDir, LogConfig.defaults());
             GroupCoordinator coordinator = GroupCoordinator.openOnStorage(config, NODE, topics, logManager)) {
            OffsetCommitResponse response = done(coordinator.offsetCommit(context(ApiKey.OFFSET_COMMIT, 9),
                    commit(GROUP, -1, "", "orders", 0, 77)));
            assertThat(response.topics().get(0).partitions().get(0).error()).isEqualTo(ErrorCode.NONE);
        }

        try (LogManager logManager = LogManager.open(dataDir, LogConfig.defaults());
             GroupCoordinator coordinator = GroupCoordinator.openOnStorage(config, NODE, topics, logManager)) {
            assertThat(coordinator.committedOffset(GROUP, "orders", 0).offset()).isEqualTo(77);
            assertThat(dataDir.resolve(StorageOffsetLog.CHECKPOINT_FILE)).exists();
        }
    }

    @Test
    void systemTimerRunsTasksUnlessCancelled() {
        AtomicInteger ran = new AtomicInteger();
        try (SystemGroupTimer timer = new SystemGroupTimer()) {
            GroupTimer.Timeout cancelled = timer.schedule(50, () -> ran.addAndGet(100));
            timer.schedule(10, ran::incrementAndGet);
            cancelled.cancel();

            await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() >= 1);
            // The cancelled task was due 40 ms after the one that ran; give it the chance to show up.
            timer.schedule(200, () -> ran.addAndGet(10));
            await().atMost(Duration.ofSeconds(5)).until(() -> ran.get() >= 11);
        }

        assertThat(ran.get()).isEqualTo(11);
    }
}
