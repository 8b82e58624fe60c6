package io.tributary.broker.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.support.BrokerHarness;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.message.ListOffsetsResponse;
import io.tributary.protocol.message.OffsetForLeaderEpochRequest;
import io.tributary.protocol.message.OffsetForLeaderEpochResponse;
import io.tributary.storage.record.RecordBatchBuilder;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class OffsetApisTest {

    private static final long BASE_TIME = System.currentTimeMillis() - 60_000;

    @RegisterExtension
    final BrokerHarness harness = BrokerHarness.perTest().withTopic("orders", 1);

    @BeforeEach
    void produceBatches() {
        harness.produce("orders", 0, new RecordBatchBuilder()
                .add(BASE_TIME, null, "a").add(BASE_TIME + 1000, null, "b").build());
        harness.produce("orders", 0, new RecordBatchBuilder()
                .add(BASE_TIME + 5000, null, "c").add(BASE_TIME + 2000, null, "d").build());
    }

    @Test
    void latestIsHighWatermark() {
        ListOffsetsResponse.Partition result = listOffset(-1, -1);

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.offset()).isEqualTo(4);
        assertThat(result.timestamp()).isEqualTo(-1);
    }

    @Test
    void earliestAndEarliestLocalAreLogStart() {
        assertThat(listOffset(-2, -1).offset()).isZero();
        assertThat(listOffset(-4, -1).offset()).isZero();
    }

    @Test
    void maxTimestampFindsItsRecord() {
        ListOffsetsResponse.Partition result = listOffset(-3, -1);

        assertThat(result.offset()).isEqualTo(2);
        assertThat(result.timestamp()).isEqualTo(BASE_TIME + 5000);
    }

    @Test
    void timestampFindsFirstLaterRecord() {
        ListOffsetsResponse.Partition result = listOffset(BASE_TIME + 500, -1);

        assertThat(result.offset()).isEqualTo(1);
        assertThat(result.timestamp()).isEqualTo(BASE_TIME + 1000);
    }

    @Test
    void timestampAfterEveryRecordIsNotFound() {
        ListOffsetsResponse.Partition result = listOffset(BASE_TIME + 10_000, -1);

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.offset()).isEqualTo(-1);
    }

    @Test
    void latestTieredIsNotFound() {
        assertThat(listOffset(-5, -1).offset()).isEqualTo(-1);
    }

    @Test
    void unknownPartitionIsReported() {
        ListOffsetsResponse response = harness.send(ApiKey.LIST_OFFSETS, 7, new ListOffsetsRequest(-1, (byte) 0,
                List.of(new ListOffsetsRequest.Topic("orders", List.of(new ListOffsetsRequest.Partition(3, -1, -1))))));

        assertThat(response.topics().get(0).partitions().get(0).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void leaderEpochIsChecked() {
        assertThat(listOffset(-1, 1).error()).isEqualTo(ErrorCode.UNKNOWN_LEADER_EPOCH);
        assertThat(listOffset(-1, -2).error()).isEqualTo(ErrorCode.FENCED_LEADER_EPOCH);
        assertThat(listOffset(-1, 0).error()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void partitionNamedTwiceIsRejected() {
        ListOffsetsResponse response = harness.send(ApiKey.LIST_OFFSETS, 7, new ListOffsetsRequest(-1, (byte) 0,
                List.of(new ListOffsetsRequest.Topic("orders", List.of(
                        new ListOffsetsRequest.Partition(0, -1, -1), new ListOffsetsRequest.Partition(0, -1, -2))))));

        assertThat(response.topics().get(0).partitions()).extracting(ListOffsetsResponse.Partition::error)
                .containsOnly(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void epochZeroEndsAtLogEnd() {
        OffsetForLeaderEpochResponse.EpochEndOffset result = endOffset(0, -1);

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.leaderEpoch()).isZero();
        assertThat(result.endOffset()).isEqualTo(4);
    }

    @Test
    void unknownEpochEndsAtMinusOne() {
        OffsetForLeaderEpochResponse.EpochEndOffset result = endOffset(3, -1);

        assertThat(result.leaderEpoch()).isEqualTo(-1);
        assertThat(result.endOffset()).isEqualTo(-1);
    }

    @Test
    void offsetForLeaderEpochChecksCurrentEpoch() {
        assertThat(endOffset(0, 2).error()).isEqualTo(ErrorCode.UNKNOWN_LEADER_EPOCH);
    }

    private ListOffsetsResponse.Partition listOffset(long timestamp, int currentLeaderEpoch) {
        ListOffsetsResponse response = harness.send(ApiKey.LIST_OFFSETS, 7, new ListOffsetsRequest(-1, (byte) 0,
                List.of(new ListOffsetsRequest.Topic("orders",
                        List.of(new ListOffsetsRequest.Partition(0, currentLeaderEpoch, timestamp))))));
        return response.topics().get(0).partitions().get(0);
    }

    private OffsetForLeaderEpochResponse.EpochEndOffset endOffset(int leaderEpoch, int currentLeaderEpoch) {
        OffsetForLeaderEpochResponse response = harness.send(ApiKey.OFFSET_FOR_LEADER_EPOCH, 4,
                new OffsetForLeaderEpochRequest(-1, List.of(new OffsetForLeaderEpochRequest.Topic("orders",
                        List.of(new OffsetForLeaderEpochRequest.Partition(0, currentLeaderEpoch, leaderEpoch))))));
        return response.topics().get(0).partitions().get(0);
    }
}
