package io.tributary.broker.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.support.BrokerHarness;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.DeleteRecordsRequest;
import io.tributary.protocol.message.DeleteRecordsResponse;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.message.ListOffsetsResponse;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.storage.LogManager;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class DeleteRecordsHandlerTest {

    @RegisterExtension
    final BrokerHarness harness = BrokerHarness.perTest().withTopic("orders", 2);

    /** Offsets 0-5 in three batches: a, b | c, d | e, f. */
    @BeforeEach
    void produceBatches() {
        harness.produce("orders", 0, "a", "b");
        harness.produce("orders", 0, "c", "d");
        harness.produce("orders", 0, "e", "f");
    }

    @Test
    void deleteReturnsNewLowWatermark() {
        DeleteRecordsResponse.Partition result = deleteRecords("orders", 0, 3);

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.lowWatermark()).isEqualTo(3);
        assertThat(harness.broker().logManager().log("orders", 0).orElseThrow().logStartOffset()).isEqualTo(3);
    }

    @Test
    void minusOneDeletesUpToHighWatermark() {
        DeleteRecordsResponse.Partition result = deleteRecords("orders", 0, -1);

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.lowWatermark()).isEqualTo(6);
        assertThat(listOffset(-2)).isEqualTo(6);
        assertThat(listOffset(-1)).isEqualTo(6);
    }

    @Test
    void offsetAboveHighWatermarkIsOutOfRange() {
        DeleteRecordsResponse.Partition result = deleteRecords("orders", 0, 7);

        assertThat(result.error()).isEqualTo(ErrorCode.OFFSET_OUT_OF_RANGE);
        assertThat(result.lowWatermark()).isEqualTo(-1);
        assertThat(listOffset(-2)).isZero();
    }

    @Test
    void offsetBelowMinusOneIsOutOfRange() {
        DeleteRecordsResponse.Partition result = deleteRecords("orders", 0, -2);

        assertThat(result.error()).isEqualTo(ErrorCode.OFFSET_OUT_OF_RANGE);
        assertThat(result.lowWatermark()).isEqualTo(-1);
    }

    @Test
    void offsetBelowLogStartKeepsIt() {
        deleteRecords("orders", 0, 4);

        DeleteRecordsResponse.Partition result = deleteRecords("orders", 0, 2);

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.lowWatermark()).isEqualTo(4);
    }

    @Test
    void unknownTopicIsReported() {
        DeleteRecordsResponse.Partition result = deleteRecords("missing", 0, 1);

        assertThat(result.error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(result.lowWatermark()).isEqualTo(-1);
    }

    @Test
    void unknownPartitionIsReported() {
        DeleteRecordsResponse.Partition result = deleteRecords("orders", 2, 1);

        assertThat(result.error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(result.lowWatermark()).isEqualTo(-1);
    }

    @Test
    void internalTopicIsUnknown() {
        DeleteRecordsResponse.Partition result = deleteRecords("__consumer_offsets", 0, 0);

        assertThat(result.error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void checkpointWriteFailureIsStorageError() throws IOException {
        // A directory in place of the temporary file makes the atomic write fail
        Path blocker = harness.dataDir().resolve(LogManager.LOG_START_OFFSET_CHECKPOINT_FILE + ".tmp");
        Files.createDirectory(blocker);

        DeleteRecordsResponse.Partition failed = deleteRecords("orders", 0, 2);

        assertThat(failed.error()).isEqualTo(ErrorCode.KAFKA_STORAGE_ERROR);
        assertThat(failed.lowWatermark()).isEqualTo(-1);
        assertThat(listOffset(-2)).isZero();

        Files.delete(blocker);
        assertThat(deleteRecords("orders", 0, 2).lowWatermark()).isEqualTo(2);
    }

    @Test
    void partitionNamedTwiceGetsOneResult() {
        DeleteRecordsResponse response = harness.send(ApiKey.DELETE_RECORDS, 2, new DeleteRecordsRequest(List.of(
                new DeleteRecordsRequest.Topic("orders", List.of(new DeleteRecordsRequest.Partition(0, 1))),
                new DeleteRecordsRequest.Topic("orders", List.of(new DeleteRecordsRequest.Partition(0, 4),
                        new DeleteRecordsRequest.Partition(1, 0)))), 30_000));

        assertThat(response.topics()).hasSize(1);
        assertThat(response.topics().get(0).partitions()).containsExactly(
                new DeleteRecordsResponse.Partition(0, 4, ErrorCode.NONE),
                new DeleteRecordsResponse.Partition(1, 0, ErrorCode.NONE));
    }

    @Test
    void listOffsetsEarliestIsLogStart() {
        deleteRecords("orders", 0, 3);

        assertThat(listOffset(-2)).isEqualTo(3);
        assertThat(listOffset(-4)).isEqualTo(3);
        assertThat(listOffset(-1)).isEqualTo(6);
    }

    @Test
    void timestampLookupSkipsDeletedRecords() {
        deleteRecords("orders", 0, 3);

        assertThat(listOffset(0)).isEqualTo(3);
    }

    @Test
    void fetchBelowLogStartIsOutOfRange() {
        deleteRecords("orders", 0, 3);

        FetchResponse.PartitionData below = fetch(2);

        assertThat(below.error()).isEqualTo(ErrorCode.OFFSET_OUT_OF_RANGE);
        assertThat(below.logStartOffset()).isEqualTo(3);
        assertThat(below.highWatermark()).isEqualTo(6);
    }

    @Test
    void fetchAtLogStartReportsIt() {
        deleteRecords("orders", 0, 3);

        FetchResponse.PartitionData atStart = fetch(3);

        assertThat(atStart.error()).isEqualTo(ErrorCode.NONE);
        assertThat(atStart.logStartOffset()).isEqualTo(3);
        assertThat(BrokerHarness.baseOffsets(atStart)).containsExactly(2L, 4L);
        atStart.records().release();
    }

    @Test
    void produceReportsLogStartOffset() {
        deleteRecords("orders", 0, 5);

        ProduceResponse.PartitionResponse result = harness.produce("orders", 0, "g");

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.baseOffset()).isEqualTo(6);
        assertThat(result.logStartOffset()).isEqualTo(5);
    }

    @Test
    void logStartOffsetSurvivesRestart() throws IOException {
        deleteRecords("orders", 0, 3);

        harness.restart();

        assertThat(listOffset(-2)).isEqualTo(3);
        assertThat(fetch(1).error()).isEqualTo(ErrorCode.OFFSET_OUT_OF_RANGE);
    }

    private DeleteRecordsResponse.Partition deleteRecords(String topic, int partition, long offset) {
        DeleteRecordsResponse response = harness.send(ApiKey.DELETE_RECORDS, 2, new DeleteRecordsRequest(List.of(
                new DeleteRecordsRequest.Topic(topic, List.of(new DeleteRecordsRequest.Partition(partition, offset)))),
                30_000));
        assertThat(response.topics()).hasSize(1);
        assertThat(response.topics().get(0).name()).isEqualTo(topic);
        return response.topics().get(0).partitions().get(0);
    }

    private long listOffset(long timestamp) {
        ListOffsetsResponse response = harness.send(ApiKey.LIST_OFFSETS, 7, new ListOffsetsRequest(-1, (byte) 0,
                List.of(new ListOffsetsRequest.Topic("orders",
                        List.of(new ListOffsetsRequest.Partition(0, -1, timestamp))))));
        ListOffsetsResponse.Partition result = response.topics().get(0).partitions().get(0);
        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        return result.offset();
    }

    private FetchResponse.PartitionData fetch(long offset) {
        FetchResponse response = harness.send(ApiKey.FETCH, 12,
                BrokerHarness.fetchRequest("orders", 0, offset, 0, 0, 0, -1));
        return response.topics().get(0).partitions().get(0);
    }
}
