package io.tributary.broker.produce;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.support.BrokerHarness;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ApiResponse;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.InitProducerIdRequest;
import io.tributary.protocol.message.InitProducerIdResponse;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.storage.record.RecordBatchBuilder;
import io.tributary.storage.record.RecordBatchHeader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ProduceHandlerTest {

    @RegisterExtension
    final BrokerHarness harness = BrokerHarness.perTest().withTopic("orders", 2);

    @Test
    void appendAssignsContiguousOffsets() {
        ProduceResponse.PartitionResponse first = harness.produce("orders", 0, "a", "b");
        ProduceResponse.PartitionResponse second = harness.produce("orders", 0, "c");

        assertThat(first.error()).isEqualTo(ErrorCode.NONE);
        assertThat(first.baseOffset()).isZero();
        assertThat(second.baseOffset()).isEqualTo(2);
        assertThat(second.logAppendTimeMs()).isEqualTo(-1);
    }

    @Test
    void producedRecordsCanBeFetched() {
        harness.produce("orders", 1, "a", "b");

        FetchResponse response = harness.send(ApiKey.FETCH, 12,
                BrokerHarness.fetchRequest("orders", 1, 0, 0, 1, 0, -1));

        FetchResponse.PartitionData data = response.topics().get(0).partitions().get(0);
        assertThat(data.error()).isEqualTo(ErrorCode.NONE);
        assertThat(data.highWatermark()).isEqualTo(2);
        assertThat(BrokerHarness.values(data)).containsExactly("a", "b");
    }

    @Test
    void unknownTopicIsRejected() {
        assertThat(harness.produce("missing", 0, "a").error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void unknownPartitionIsRejected() {
        assertThat(harness.produce("orders", 7, "a").error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void unknownTopicIdIsRejected() {
        ProduceResponse response = harness.send(ApiKey.PRODUCE, 13, new ProduceRequest(null, (short) -1, 1000, List.of(
                new ProduceRequest.TopicData(null, UUID.randomUUID(), List.of(
                        new ProduceRequest.PartitionData(0, BrokerHarness.batch("a")))))));

        assertThat(response.topics().get(0).partitions().get(0).error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_ID);
    }

    @Test
    void topicIdIsAcceptedFromVersion13() {
        UUID topicId = harness.broker().metadata().topicId("orders").orElseThrow();

        ProduceResponse response = harness.send(ApiKey.PRODUCE, 13, new ProduceRequest(null, (short) 1, 1000, List.of(
                new ProduceRequest.TopicData("", topicId, List.of(
                        new ProduceRequest.PartitionData(0, BrokerHarness.batch("a")))))));

        assertThat(response.topics().get(0).partitions().get(0).error()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void invalidAcksAreRejected() {
        ProduceResponse response = harness.send(ApiKey.PRODUCE, 9, new ProduceRequest(null, (short) 2, 1000, List.of(
                new ProduceRequest.TopicData("orders", null, List.of(
                        new ProduceRequest.PartitionData(0, BrokerHarness.batch("a")))))));

        assertThat(response.topics().get(0).partitions().get(0).error()).isEqualTo(ErrorCode.INVALID_REQUIRED_ACKS);
    }

    @Test
    void acksZeroWithoutErrorSendsNoResponse() throws Exception {
        ApiResponse response = harness.dispatch(ApiKey.PRODUCE, 9, new ProduceRequest(null, (short) 0, 1000, List.of(
                new ProduceRequest.TopicData("orders", null, List.of(
                        new ProduceRequest.PartitionData(0, BrokerHarness.batch("a"))))))).get();

        assertThat(response).isNull();
    }

    @Test
    void acksZeroWithErrorReturnsResponse() throws Exception {
        ApiResponse response = harness.dispatch(ApiKey.PRODUCE, 9, new ProduceRequest(null, (short) 0, 1000, List.of(
                new ProduceRequest.TopicData("missing", null, List.of(
                        new ProduceRequest.PartitionData(0, BrokerHarness.batch("a"))))))).get();

        assertThat(response).isInstanceOf(ProduceResponse.class);
    }

    @Test
    void oversizedBatchIsRejected() {
        harness.createTopic("small", 1, Map.of("max.message.bytes", "100"));

        ProduceResponse.PartitionResponse response = harness.produce("small", 0, "x".repeat(200));

        assertThat(response.error()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
    }

    @Test
    void acksAllBelowMinInsyncReplicasIsRejected() {
        harness.createTopic("guarded", 1, Map.of("min.insync.replicas", "2"));

        ProduceResponse response = harness.send(ApiKey.PRODUCE, 9, new ProduceRequest(null, (short) -1, 1000,
                List.of(new ProduceRequest.TopicData("guarded", null, List.of(
                        new ProduceRequest.PartitionData(0, BrokerHarness.batch("a")))))));

        ProduceResponse.PartitionResponse partition = response.topics().get(0).partitions().get(0);
        assertThat(partition.error()).isEqualTo(ErrorCode.NOT_ENOUGH_REPLICAS);
        assertThat(partition.errorMessage()).contains("min.isr requirement of 2");
    }

    @Test
    void acksOneIgnoresMinInsyncReplicas() {
        harness.createTopic("guarded", 1, Map.of("min.insync.replicas", "2"));

        ProduceResponse response = harness.send(ApiKey.PRODUCE, 9, new ProduceRequest(null, (short) 1, 1000,
                List.of(new ProduceRequest.TopicData("guarded", null, List.of(
                        new ProduceRequest.PartitionData(0, BrokerHarness.batch("a")))))));

        assertThat(response.topics().get(0).partitions().get(0).error()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void corruptBatchIsRejected() {
        ByteBuffer batch = BrokerHarness.batch("a");
        batch.put(batch.limit() - 1, (byte) (batch.get(batch.limit() - 1) ^ 0x7f));

        assertThat(harness.produce("orders", 0, batch).error()).isEqualTo(ErrorCode.CORRUPT_MESSAGE);
    }

    @Test
    void timestampTooFarInFutureIsRejected() {
        harness.createTopic("strict", 1, Map.of("message.timestamp.after.max.ms", "1000"));
        ByteBuffer batch = new RecordBatchBuilder().add(System.currentTimeMillis() + 3_600_000, null, "late").build();

        assertThat(harness.produce("strict", 0, batch).error()).isEqualTo(ErrorCode.INVALID_TIMESTAMP);
    }

    @Test
    void transactionalIdIsRejected() {
        ProduceResponse response = harness.send(ApiKey.PRODUCE, 9, new ProduceRequest("tx-1", (short) -1, 1000, List.of(
                new ProduceRequest.TopicData("orders", null, List.of(
                        new ProduceRequest.PartitionData(0, BrokerHarness.batch("a")))))));

        assertThat(response.topics().get(0).partitions().get(0).error()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void duplicateBatchReturnsOriginalOffset() {
        InitProducerIdResponse producer = harness.send(ApiKey.INIT_PRODUCER_ID, 4,
                new InitProducerIdRequest(null, 60000, -1, (short) -1));
        harness.produce("orders", 0, "before");
        ByteBuffer batch = new RecordBatchBuilder().producer(producer.producerId(), producer.producerEpoch(), 0)
                .add(System.currentTimeMillis(), null, "once").build();

        ProduceResponse.PartitionResponse first = harness.produce("orders", 0, batch.duplicate());
        ProduceResponse.PartitionResponse retry = harness.produce("orders", 0, batch.duplicate());

        assertThat(first.error()).isEqualTo(ErrorCode.NONE);
        assertThat(retry.error()).isEqualTo(ErrorCode.NONE);
        assertThat(retry.baseOffset()).isEqualTo(first.baseOffset());
    }

    @Test
    void sequenceGapIsRejected() {
        InitProducerIdResponse producer = harness.send(ApiKey.INIT_PRODUCER_ID, 4,
                new InitProducerIdRequest(null, 60000, -1, (short) -1));
        harness.produce("orders", 0, new RecordBatchBuilder().producer(producer.producerId(), producer.producerEpoch(), 0)
                .add(System.currentTimeMillis(), null, "first").build());

        ProduceResponse.PartitionResponse gap = harness.produce("orders", 0,
                new RecordBatchBuilder().producer(producer.producerId(), producer.producerEpoch(), 5)
                        .add(System.currentTimeMillis(), null, "gap").build());

        assertThat(gap.error()).isEqualTo(ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER);
    }

    @Test
    void staleProducerEpochIsRejected() {
        InitProducerIdResponse producer = harness.send(ApiKey.INIT_PRODUCER_ID, 4,
                new InitProducerIdRequest(null, 60000, -1, (short) -1));
        harness.produce("orders", 0, new RecordBatchBuilder().producer(producer.producerId(), (short) 3, 0)
                .add(System.currentTimeMillis(), null, "new epoch").build());

        ProduceResponse.PartitionResponse stale = harness.produce("orders", 0,
                new RecordBatchBuilder().producer(producer.producerId(), (short) 2, 0)
                        .add(System.currentTimeMillis(), null, "old epoch").build());

        assertThat(stale.error()).isEqualTo(ErrorCode.INVALID_PRODUCER_EPOCH);
    }

    @Test
    void batchLargerThanSegmentIsRejected() {
        harness.createTopic("small-segments", 1,
                Map.of("segment.bytes", "1048576", "max.message.bytes", "2000000"));

        ProduceResponse.PartitionResponse response = harness.produce("small-segments", 0, "x".repeat(1_100_000));

        assertThat(response.error()).isEqualTo(ErrorCode.RECORD_LIST_TOO_LARGE);
    }

    @Test
    void transactionalBatchIsRejected() {
        InitProducerIdResponse producer = harness.send(ApiKey.INIT_PRODUCER_ID, 4,
                new InitProducerIdRequest(null, 60000, -1, (short) -1));
        ByteBuffer batch = new RecordBatchBuilder().producer(producer.producerId(), producer.producerEpoch(), 0)
                .add(System.currentTimeMillis(), null, "in a transaction").build();
        batch.putShort(RecordBatchHeader.ATTRIBUTES_OFFSET, (short) 0x10);
        batch.putInt(RecordBatchHeader.CRC_OFFSET, (int) RecordBatchHeader.computeCrc(batch, 0, batch.limit()));

        ProduceResponse.PartitionResponse response = harness.produce("orders", 0, batch);

        assertThat(response.error()).isEqualTo(ErrorCode.INVALID_RECORD);
    }

    @Test
    void twoBatchesInOnePartitionAreRejected() {
        ByteBuffer batches = RecordBatchBuilder.concat(BrokerHarness.batch("a"), BrokerHarness.batch("b"));

        assertThat(harness.produce("orders", 0, batches).error()).isEqualTo(ErrorCode.INVALID_RECORD);
    }

    @Test
    void logAppendTimeIsReported() {
        harness.createTopic("stamped", 1, Map.of("message.timestamp.type", "LogAppendTime"));
        long before = System.currentTimeMillis();

        ProduceResponse.PartitionResponse response = harness.produce("stamped", 0, "a");

        assertThat(response.logAppendTimeMs()).isGreaterThanOrEqualTo(before);
    }
}
