package io.tributary.broker.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.broker.support.BrokerHarness;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ApiResponse;
import io.tributary.protocol.message.DeleteTopicsRequest;
import io.tributary.protocol.message.DeleteTopicsResponse;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.RecordsPayload;
import io.tributary.protocol.message.TopicIds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class FetchHandlerTest {

    @RegisterExtension
    final BrokerHarness harness = BrokerHarness.perTest().withTopic("orders", 2);

    @Test
    void waitingFetchIsWokenByProduce() {
        CompletableFuture<ApiResponse> waiting = harness.dispatch(ApiKey.FETCH, 12,
                BrokerHarness.fetchRequest("orders", 0, 0, 30_000, 1, 0, -1));
        await().until(() -> fetchHandlerWaiting() == 1);
        assertThat(waiting).isNotDone();

        harness.produce("orders", 0, "wake");

        FetchResponse response = (FetchResponse) waiting.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        assertThat(BrokerHarness.values(partition(response, 0))).containsExactly("wake");
    }

    @Test
    void waitingFetchTimesOutEmpty() {
        FetchResponse response = harness.send(ApiKey.FETCH, 12,
                BrokerHarness.fetchRequest("orders", 0, 0, 50, 1, 0, -1));

        assertThat(partition(response, 0).error()).isEqualTo(ErrorCode.NONE);
        assertThat(partition(response, 0).records().sizeInBytes()).isZero();
    }

    @Test
    void fetchWithEnoughDataAnswersAtOnce() {
        harness.produce("orders", 0, "a");

        CompletableFuture<ApiResponse> response = harness.dispatch(ApiKey.FETCH, 12,
                BrokerHarness.fetchRequest("orders", 0, 0, 60_000, 1, 0, -1));

        assertThat(response).isDone();
    }

    @Test
    void deletingTopicCompletesWaitingFetch() {
        CompletableFuture<ApiResponse> waiting = harness.dispatch(ApiKey.FETCH, 12,
                BrokerHarness.fetchRequest("orders", 0, 0, 60_000, 1, 0, -1));
        await().until(() -> fetchHandlerWaiting() == 1);

        harness.send(ApiKey.DELETE_TOPICS, 5, new DeleteTopicsRequest(
                List.of(new MetadataRequest.TopicRef(TopicIds.ZERO, "orders")), 1000));

        FetchResponse response = (FetchResponse) waiting.orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        assertThat(partition(response, 0).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void offsetPastEndIsOutOfRange() {
        harness.produce("orders", 0, "a");

        FetchResponse response = harness.send(ApiKey.FETCH, 12,
                BrokerHarness.fetchRequest("orders", 0, 5, 0, 1, 0, -1));

        assertThat(partition(response, 0).error()).isEqualTo(ErrorCode.OFFSET_OUT_OF_RANGE);
        assertThat(partition(response, 0).highWatermark()).isEqualTo(1);
    }

    @Test
    void unknownTopicIsReported() {
        FetchResponse response = harness.send(ApiKey.FETCH, 12,
                BrokerHarness.fetchRequest("missing", 0, 0, 0, 1, 0, -1));

        assertThat(partition(response, 0).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void unknownTopicIdIsReported() {
        FetchResponse response = harness.send(ApiKey.FETCH, 13, byId(UUID.randomUUID(), 0, -1));

        assertThat(partition(response, 0).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_ID);
    }

    @Test
    void fetchByTopicIdReturnsRecords() {
        harness.produce("orders", 1, "by-id");
        UUID topicId = harness.broker().metadata().topicId("orders").orElseThrow();

        FetchResponse response = harness.send(ApiKey.FETCH, 13, byId(topicId, 1, -1));

        assertThat(response.topics().get(0).topicId()).isEqualTo(topicId);
        assertThat(BrokerHarness.values(partition(response, 0))).containsExactly("by-id");
    }

    @Test
    void newerLeaderEpochIsUnknown() {
        UUID topicId = harness.broker().metadata().topicId("orders").orElseThrow();

        FetchResponse response = harness.send(ApiKey.FETCH, 13, byId(topicId, 0, 1));

        assertThat(partition(response, 0).error()).isEqualTo(ErrorCode.UNKNOWN_LEADER_EPOCH);
    }

    @Test
    void olderLeaderEpochIsFenced() {
        UUID topicId = harness.broker().metadata().topicId("orders").orElseThrow();

        FetchResponse response = harness.send(ApiKey.FETCH, 13, byId(topicId, 0, -2));

        assertThat(partition(response, 0).error()).isEqualTo(ErrorCode.FENCED_LEADER_EPOCH);
    }

    @Test
    void offsetInsideBatchReturnsWholeBatch() {
        harness.produce("orders", 0, "a", "b", "c");

        FetchResponse response = harness.send(ApiKey.FETCH, 12,
                BrokerHarness.fetchRequest("orders", 0, 1, 0, 1, 0, -1));

        assertThat(BrokerHarness.baseOffsets(partition(response, 0))).containsExactly(0L);
        assertThat(BrokerHarness.values(partition(response, 0))).containsExactly("a", "b", "c");
    }

    @Test
    void firstBatchIsReturnedEvenAboveLimits() {
        harness.produce("orders", 0, "x".repeat(500));
        harness.produce("orders", 1, "y".repeat(500));
        FetchRequest request = new FetchRequest(-1, 0, 1, 100, (byte) 0, 0, -1, List.of(
                new FetchRequest.FetchTopic("orders", null, List.of(
                        new FetchRequest.FetchPartition(0, -1, 0, -1, -1, 10),
                        new FetchRequest.FetchPartition(1, -1, 0, -1, -1, 10)))), List.of(), "");

        FetchResponse response = harness.send(ApiKey.FETCH, 12, request);

        assertThat(partition(response, 0).records().sizeInBytes()).isGreaterThan(500);
        assertThat(partition(response, 1).records().sizeInBytes()).isZero();
    }

    @Test
    void responseLimitStopsLaterPartitions() {
        harness.produce("orders", 0, "x".repeat(300));
        harness.produce("orders", 1, "y".repeat(300));
        FetchRequest request = new FetchRequest(-1, 0, 1, 400, (byte) 0, 0, -1, List.of(
                new FetchRequest.FetchTopic("orders", null, List.of(
                        new FetchRequest.FetchPartition(0, -1, 0, -1, -1, 1024 * 1024),
                        new FetchRequest.FetchPartition(1, -1, 0, -1, -1, 1024 * 1024)))), List.of(), "");

        FetchResponse response = harness.send(ApiKey.FETCH, 12, request);

        assertThat(partition(response, 0).records().sizeInBytes()).isGreaterThan(300);
        assertThat(partition(response, 1).records().sizeInBytes()).isZero();
    }

    @Test
    void storedRecordsTravelAsFileSlices() {
        harness.produce("orders", 0, "a");

        FetchResponse response = harness.send(ApiKey.FETCH, 12,
                BrokerHarness.fetchRequest("orders", 0, 0, 0, 1, 0, -1));

        assertThat(partition(response, 0).records()).isInstanceOf(RecordsPayload.FileSlice.class);
        response.release();
    }

    @Test
    void sliceReadBeforeDeletionStaysReadable() throws IOException {
        harness.produce("orders", 0, "a", "b", "c");
        FetchResponse response = harness.send(ApiKey.FETCH, 12,
                BrokerHarness.fetchRequest("orders", 0, 0, 0, 1, 0, -1));
        RecordsPayload.FileSlice slice = (RecordsPayload.FileSlice) partition(response, 0).records();

        deleteOrders();

        assertThat(BrokerHarness.values(partition(response, 0))).containsExactly("a", "b", "c");
        assertThat(slice.channel().isOpen()).as("segment open until the slice is released").isTrue();
        slice.release();
        await().untilAsserted(() -> assertThat(slice.channel().isOpen())
                .as("segment closed once deleted and released").isFalse());
    }

    @Test
    void waitingFetchReleasesSlicesItDoesNotSend() {
        harness.produce("orders", 0, "a");
        CompletableFuture<ApiResponse> waiting = harness.dispatch(ApiKey.FETCH, 12,
                BrokerHarness.fetchRequest("orders", 0, 0, 30_000, 1_000_000, 0, -1));
        await().until(() -> fetchHandlerWaiting() == 1);
        harness.produce("orders", 0, "b");

        deleteOrders();
        FetchResponse response = (FetchResponse) waiting.join();

        assertThat(partition(response, 0).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        await().untilAsserted(() -> assertThat(segmentFiles("orders"))
                .as("every read released, so the deleted segments are gone").isEmpty());
    }

    private void deleteOrders() {
        DeleteTopicsResponse deleted = harness.send(ApiKey.DELETE_TOPICS, 5, new DeleteTopicsRequest(
                List.of(new MetadataRequest.TopicRef(TopicIds.ZERO, "orders")), 1000));
        assertThat(deleted.responses().get(0).error()).isEqualTo(ErrorCode.NONE);
    }

    /** Returns the segment files in the data directory that belong to partitions of {@code topic}. */
    private List<Path> segmentFiles(String topic) throws IOException {
        try (Stream<Path> paths = Files.walk(harness.dataDir())) {
            return paths.filter(path -> path.getFileName().toString().endsWith(".log"))
                    .filter(path -> path.getParent().getFileName().toString().startsWith(topic + "-"))
                    .toList();
        }
    }

    @Test
    void incrementalFetchReturnsOnlyChangedPartitions() {
        FetchRequest full = new FetchRequest(-1, 0, 0, 1024 * 1024, (byte) 0, 0, 0, List.of(
                new FetchRequest.FetchTopic("orders", null, List.of(
                        new FetchRequest.FetchPartition(0, -1, 0, -1, -1, 1024 * 1024),
                        new FetchRequest.FetchPartition(1, -1, 0, -1, -1, 1024 * 1024)))), List.of(), "");
        FetchResponse opened = harness.send(ApiKey.FETCH, 12, full);
        assertThat(opened.sessionId()).isNotZero();
        assertThat(opened.topics().get(0).partitions()).hasSize(2);
        harness.produce("orders", 1, "new");

        FetchResponse incremental = harness.send(ApiKey.FETCH, 12, new FetchRequest(-1, 0, 0, 1024 * 1024, (byte) 0,
                opened.sessionId(), 1, List.of(), List.of(), ""));

        assertThat(incremental.sessionId()).isEqualTo(opened.sessionId());
        assertThat(incremental.topics()).hasSize(1);
        assertThat(incremental.topics().get(0).partitions()).extracting(FetchResponse.PartitionData::partition)
                .containsExactly(1);
        assertThat(BrokerHarness.values(partition(incremental, 0))).containsExactly("new");
    }

    @Test
    void forgottenPartitionLeavesSession() {
        FetchRequest full = new FetchRequest(-1, 0, 0, 1024 * 1024, (byte) 0, 0, 0, List.of(
                new FetchRequest.FetchTopic("orders", null, List.of(
                        new FetchRequest.FetchPartition(0, -1, 0, -1, -1, 1024 * 1024),
                        new FetchRequest.FetchPartition(1, -1, 0, -1, -1, 1024 * 1024)))), List.of(), "");
        FetchResponse opened = harness.send(ApiKey.FETCH, 12, full);
        harness.send(ApiKey.FETCH, 12, new FetchRequest(-1, 0, 0, 1024 * 1024, (byte) 0, opened.sessionId(), 1,
                List.of(), List.of(new FetchRequest.ForgottenTopic("orders", null, List.of(1))), ""));
        harness.produce("orders", 1, "unseen");
        harness.produce("orders", 0, "seen");

        FetchResponse incremental = harness.send(ApiKey.FETCH, 12, new FetchRequest(-1, 0, 0, 1024 * 1024, (byte) 0,
                opened.sessionId(), 2, List.of(), List.of(), ""));

        assertThat(incremental.topics().get(0).partitions()).extracting(FetchResponse.PartitionData::partition)
                .containsExactly(0);
    }

    @Test
    void fullCacheServesFetchWithoutSession(@TempDir Path dataDir) throws IOException {
        try (BrokerHarness noSessions = new BrokerHarness(
                BrokerHarness.defaultConfig(dataDir).withFetchSessionCacheSlots(0))) {
            noSessions.createTopic("orders", 1, Map.of());

            FetchResponse response = noSessions.send(ApiKey.FETCH, 12,
                    BrokerHarness.fetchRequest("orders", 0, 0, 0, 0, 0, 0));

            assertThat(response.error()).isEqualTo(ErrorCode.NONE);
            assertThat(response.sessionId()).isZero();
        }
    }

    @Test
    void unknownSessionIsReported() {
        FetchResponse response = harness.send(ApiKey.FETCH, 12, new FetchRequest(-1, 0, 0, 1024, (byte) 0, 777, 1,
                List.of(), List.of(), ""));

        assertThat(response.error()).isEqualTo(ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
    }

    @Test
    void wrongSessionEpochIsReported() {
        FetchResponse opened = harness.send(ApiKey.FETCH, 12,
                BrokerHarness.fetchRequest("orders", 0, 0, 0, 0, 0, 0));

        FetchResponse response = harness.send(ApiKey.FETCH, 12, new FetchRequest(-1, 0, 0, 1024, (byte) 0,
                opened.sessionId(), 5, List.of(), List.of(), ""));

        assertThat(response.error()).isEqualTo(ErrorCode.INVALID_FETCH_SESSION_EPOCH);
    }

    private int fetchHandlerWaiting() {
        return harness.broker().waitingFetches();
    }

    private static FetchRequest byId(UUID topicId, int partition, int leaderEpoch) {
        return new FetchRequest(-1, 0, 1, 1024 * 1024, (byte) 0, 0, -1, List.of(
                new FetchRequest.FetchTopic(null, topicId, List.of(
                        new FetchRequest.FetchPartition(partition, leaderEpoch, 0, -1, -1, 1024 * 1024)))),
                List.of(), "");
    }

    private static FetchResponse.PartitionData partition(FetchResponse response, int index) {
        return response.topics().get(0).partitions().get(index);
    }

}
