package io.tributary.broker.group;

import static io.tributary.broker.group.GroupTestSupport.CONFIG;
import static io.tributary.broker.group.GroupTestSupport.NODE;
import static io.tributary.broker.group.GroupTestSupport.commit;
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
import io.tributary.protocol.message.JoinGroupResponse;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Expiration of the committed offsets of groups without members. */
class OffsetExpirationTest {

    private static final String GROUP = "reports";
    private static final String TOPIC = "orders";
    private static final long RETENTION_MS = 60_000;
    private static final long CHECK_INTERVAL_MS = 1_000;
    private static final GroupConfig RETAINING = CONFIG.withOffsetsRetention(RETENTION_MS, CHECK_INTERVAL_MS);

    private final ManualGroupTimer timer = new ManualGroupTimer();
    private final InMemoryOffsetLog offsetLog = new InMemoryOffsetLog();
    private GroupCoordinator coordinator;

    @BeforeEach
    void setUp() throws IOException {
        coordinator = GroupCoordinator.open(RETAINING, NODE, new GroupTestSupport.TopicTable(), offsetLog, timer);
    }

    @AfterEach
    void tearDown() throws IOException {
        coordinator.close();
    }

    private void commitOffset(int generation, String memberId, long offset) {
        ErrorCode error = done(coordinator.offsetCommit(context(ApiKey.OFFSET_COMMIT, 8),
                commit(GROUP, generation, memberId, TOPIC, 0, offset))).topics().get(0).partitions().get(0).error();
        assertThat(error).isEqualTo(ErrorCode.NONE);
    }

    /** Advances the clock in steps no longer than the session timeout, heartbeating if a member is given. */
    private void advance(long deltaMs, String memberId) {
        long step = GroupTestSupport.SESSION_TIMEOUT_MS / 2;
        for (long elapsed = 0; elapsed < deltaMs; elapsed += step) {
            if (memberId != null) {
                done(coordinator.heartbeat(context(ApiKey.HEARTBEAT, 4), heartbeat(GROUP, 1, memberId)));
            }
            timer.advance(Math.min(step, deltaMs - elapsed));
        }
    }

    private String stableMember() {
        String memberId = newMemberId(coordinator, GROUP);
        JoinGroupResponse joined = done(coordinator.joinGroup(context(ApiKey.JOIN_GROUP, 9), join(GROUP, memberId)));
        done(coordinator.syncGroup(context(ApiKey.SYNC_GROUP, 5),
                sync(GROUP, joined.generationId(), memberId, Map.of(memberId, "all"))));
        return memberId;
    }

    @Test
    void simpleGroupOffsetExpiresAfterRetention() {
        commitOffset(-1, "", 5);

        advance(RETENTION_MS - CHECK_INTERVAL_MS, null);
        assertThat(coordinator.committedOffset(GROUP, TOPIC, 0)).isNotNull();
        advance(2 * CHECK_INTERVAL_MS, null);

        assertThat(coordinator.committedOffset(GROUP, TOPIC, 0)).isNull();
    }

    @Test
    void expiredOffsetStaysDeletedAfterRestart() throws IOException {
        commitOffset(-1, "", 5);
        advance(RETENTION_MS + 2 * CHECK_INTERVAL_MS, null);
        coordinator.close();

        coordinator = GroupCoordinator.open(RETAINING, NODE, new GroupTestSupport.TopicTable(), offsetLog, timer);

        assertThat(coordinator.committedOffset(GROUP, TOPIC, 0)).isNull();
    }

    @Test
    void recentCommitOutlivesOlderOne() {
        commitOffset(-1, "", 5);
        advance(RETENTION_MS / 2, null);
        commitOffset(-1, "", 6);

        advance(RETENTION_MS / 2 + 2 * CHECK_INTERVAL_MS, null);

        assertThat(coordinator.committedOffset(GROUP, TOPIC, 0).offset()).isEqualTo(6);
    }

    @Test
    void offsetsOfGroupWithMembersNeverExpire() {
        String memberId = stableMember();
        commitOffset(1, memberId, 5);

        advance(3 * RETENTION_MS, memberId);

        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.STABLE);
        assertThat(coordinator.committedOffset(GROUP, TOPIC, 0).offset()).isEqualTo(5);
    }

    @Test
    void retentionCountsFromWhenGroupBecameEmpty() {
        String memberId = stableMember();
        commitOffset(1, memberId, 5);
        advance(2 * RETENTION_MS, memberId);
        done(coordinator.leaveGroup(context(ApiKey.LEAVE_GROUP, 3), leave(GROUP, memberId)));
        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.EMPTY);

        advance(RETENTION_MS - CHECK_INTERVAL_MS, null);
        assertThat(coordinator.committedOffset(GROUP, TOPIC, 0)).isNotNull();
        advance(2 * CHECK_INTERVAL_MS, null);

        assertThat(coordinator.committedOffset(GROUP, TOPIC, 0)).isNull();
        assertThat(coordinator.groupState(GROUP)).isEqualTo(GroupState.DEAD);
    }
}
