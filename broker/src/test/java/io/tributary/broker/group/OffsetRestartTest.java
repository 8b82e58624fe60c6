package io.tributary.broker.group;

import static io.tributary.broker.group.GroupTestSupport.CONFIG;
import static io.tributary.broker.group.GroupTestSupport.NODE;
import static io.tributary.broker.group.GroupTestSupport.commit;
import static io.tributary.broker.group.GroupTestSupport.context;
import static io.tributary.broker.group.GroupTestSupport.done;
import static io.tributary.broker.group.GroupTestSupport.fetchAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.OffsetCommitResponse;
import io.tributary.protocol.message.OffsetFetchResponse;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Committed offsets survive a restart on the same data directory, with and without a checkpoint. */
class OffsetRestartTest {

    private static final String TOPIC = "orders";
    private static final List<String> GROUPS = List.of("billing", "shipping", "audit", "search", "alerts");

    @TempDir
    Path dataDir;

    private final ManualGroupTimer timer = new ManualGroupTimer();
    private final GroupTestSupport.TopicTable topics = new GroupTestSupport.TopicTable();
    private LogManager logManager;
    private StorageOffsetLog offsetLog;
    private GroupCoordinator coordinator;

    @AfterEach
    void tearDown() throws IOException {
        if (coordinator != null) {
            coordinator.close();
        }
        if (logManager != null) {
            logManager.close();
        }
    }

    private void start() throws IOException {
        start(CONFIG);
    }

    private void start(GroupConfig config) throws IOException {
        logManager = LogManager.open(dataDir, LogConfig.defaults());
        offsetLog = StorageOffsetLog.open(logManager, config, LogConfig.defaults());
        coordinator = GroupCoordinator.open(config, NODE, topics, offsetLog, timer);
    }

    /** Stops cleanly: the coordinator writes its checkpoint before storage closes. */
    private void stopCleanly() throws IOException {
        coordinator.close();
        coordinator = null;
        logManager.close();
        logManager = null;
    }

    /** Stops without closing the coordinator, so no checkpoint is written, as after a crash. */
    private void stopWithoutCheckpoint() throws IOException {
        coordinator = null;
        logManager.close();
        logManager = null;
    }

    private void commitOffset(String groupId, int partition, long offset) {
        OffsetCommitResponse response = done(coordinator.offsetCommit(context(ApiKey.OFFSET_COMMIT, 8),
                commit(groupId, -1, "", TOPIC, partition, offset)));
        assertThat(response.topics().get(0).partitions().get(0).error()).isEqualTo(ErrorCode.NONE);
    }

    /** Commits offsets {@code base + partition} to partitions 0..2 of every group. */
    private void commitAll(long base) {
        for (String groupId : GROUPS) {
            for (int partition = 0; partition < 3; partition++) {
                commitOffset(groupId, partition, base + partition);
            }
        }
    }

    private void assertAllCommitted(long base) {
        for (String groupId : GROUPS) {
            for (int partition = 0; partition < 3; partition++) {
                CommittedOffset committed = coordinator.committedOffset(groupId, TOPIC, partition);
                assertThat(committed).as("%s partition %d", groupId, partition).isNotNull();
                assertThat(committed.offset()).as("%s partition %d", groupId, partition).isEqualTo(base + partition);
                assertThat(committed.metadata()).isEqualTo("meta-" + (base + partition));
                assertThat(committed.leaderEpoch()).isEqualTo(3);
            }
        }
    }

    /** Counts the records replay reads from the log, as opposed to those from the checkpoint. */
    private long logRecordsReplayed() throws IOException {
        long[] fromLog = new long[1];
        offsetLog.replay((key, value, position) -> {
            if (position >= 0) {
                fromLog[0]++;
            }
        });
        return fromLog[0];
    }

    @Test
    void offsetsSurviveCleanRestart() throws IOException {
        start();
        commitAll(100);
        stopCleanly();

        start();

        assertThat(offsetLog.checkpointPath()).exists();
        assertAllCommitted(100);
        OffsetFetchResponse fetched = done(coordinator.offsetFetch(context(ApiKey.OFFSET_FETCH, 8),
                fetchAll("billing")));
        assertThat(fetched.groups().get(0).topics().get(0).partitions()).hasSize(3);
    }

    @Test
    void cleanRestartReplaysNoLogRecords() throws IOException {
        start();
        commitAll(100);
        stopCleanly();

        start();

        assertThat(logRecordsReplayed()).isZero();
    }

    @Test
    void offsetsSurviveRestartWithoutCheckpoint() throws IOException {
        start();
        commitAll(100);
        commitAll(200);
        stopWithoutCheckpoint();

        start();

        assertThat(offsetLog.checkpointPath()).doesNotExist();
        assertThat(logRecordsReplayed()).isEqualTo(2L * GROUPS.size() * 3);
        assertAllCommitted(200);
    }

    @Test
    void replayReadsTailAfterOlderCheckpoint() throws IOException {
        start();
        commitAll(100);
        stopCleanly();
        start();
        commitAll(300);
        commitOffset("late-group", 0, 5);
        stopWithoutCheckpoint();

        start();

        assertThat(logRecordsReplayed()).isEqualTo(GROUPS.size() * 3L + 1);
        assertAllCommitted(300);
        assertThat(coordinator.committedOffset("late-group", TOPIC, 0).offset()).isEqualTo(5);
    }

    @Test
    void corruptCheckpointFallsBackToFullReplay() throws IOException {
        start();
        commitAll(100);
        stopCleanly();
        Path checkpoint = dataDir.resolve(StorageOffsetLog.CHECKPOINT_FILE);
        byte[] bytes = Files.readAllBytes(checkpoint);
        bytes[bytes.length / 2] ^= 0x01;
        Files.write(checkpoint, bytes);

        start();

        assertAllCommitted(100);
    }

    @Test
    void checkpointAheadOfLogIsIgnored() throws IOException {
        start();
        commitAll(100);
        stopCleanly();
        // A checkpoint that covers more than the log contains cannot be trusted.
        byte[] ahead = OffsetsCheckpoint.encode(new OffsetsCheckpoint.Snapshot(
                Map.of(0, Long.MAX_VALUE), Map.of()));
        Files.write(dataDir.resolve(StorageOffsetLog.CHECKPOINT_FILE), ahead);

        start();

        assertAllCommitted(100);
    }

    @Test
    void expiredOffsetsStayDeletedAfterRestart() throws IOException {
        GroupConfig retaining = CONFIG.withOffsetsRetention(10_000, 1_000);
        start(retaining);
        commitOffset("billing", 0, 1);
        commitOffset("shipping", 0, 2);
        timer.advance(5_000);
        commitOffset("shipping", 0, 3);
        timer.advance(7_000);
        // The tombstone becomes visible once storage reports it durable, on a flusher thread.
        await().atMost(Duration.ofSeconds(10)).until(() -> coordinator.committedOffset("billing", TOPIC, 0) == null);
        stopWithoutCheckpoint();

        start(retaining);
        assertThat(coordinator.committedOffset("billing", TOPIC, 0)).isNull();
        assertThat(coordinator.committedOffset("shipping", TOPIC, 0).offset()).isEqualTo(3);
        stopCleanly();

        start(retaining);
        assertThat(coordinator.committedOffset("billing", TOPIC, 0)).isNull();
        assertThat(coordinator.committedOffset("shipping", TOPIC, 0).offset()).isEqualTo(3);
    }

    @Test
    void groupCommitsGoToTheirOffsetsPartition() throws IOException {
        start();
        commitOffset("billing", 0, 1);
        int expected = CONFIG.offsetsPartitionFor("billing");

        for (int partition = 0; partition < CONFIG.offsetsTopicNumPartitions(); partition++) {
            long end = logManager.log(StorageOffsetLog.TOPIC, partition).orElseThrow().logEndOffset();
            assertThat(end).as("partition %d", partition).isEqualTo(partition == expected ? 1 : 0);
        }
    }
}
