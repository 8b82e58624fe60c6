package io.tributary.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.codec.DecodedFrame;
import io.tributary.protocol.codec.KafkaRequestDecoder;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.requests.AbstractRequest;
import org.apache.kafka.common.requests.FetchRequest;
import org.apache.kafka.common.requests.ProduceRequest;
import org.apache.kafka.common.requests.RequestHeader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Decodes one request frame per operation with {@link KafkaRequestDecoder}, as the network layer
 * does for every frame after removing the 4-byte size prefix. Each frame names one partition and is
 * written by kafka-clients 4.4.0 at the latest version that Tributary accepts: Produce v13 with one
 * uncompressed batch of 16 records with 100-byte values, and a consumer's Fetch v18.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RequestDecodeBenchmark {

    private static final short PRODUCE_VERSION = 13;
    private static final short FETCH_VERSION = 18;
    private static final Uuid TOPIC_ID = Uuid.fromString("q5UZmbq1TDi6F5hqEFuDZg");

    private final KafkaRequestDecoder decoder = new KafkaRequestDecoder();
    private ByteBuf produceFrame;
    private ByteBuf fetchFrame;

    @Setup(Level.Trial)
    public void encodeFrames() {
        produceFrame = frame(new ProduceRequest(produceData(), PRODUCE_VERSION), ApiKeys.PRODUCE);
        fetchFrame = frame(new FetchRequest(fetchData(), FETCH_VERSION), ApiKeys.FETCH);
        requireDecoded(decodeProduce());
        requireDecoded(decodeFetch());
    }

    /** Decodes the Produce frame, which the decoder reads without moving its reader index, so it serves every call. */
    @Benchmark
    public DecodedFrame decodeProduce() {
        return decoder.decode(produceFrame);
    }

    @Benchmark
    public DecodedFrame decodeFetch() {
        return decoder.decode(fetchFrame);
    }

    private static ProduceRequestData produceData() {
        ProduceRequestData.PartitionProduceData partition = new ProduceRequestData.PartitionProduceData()
                .setIndex(0)
                .setRecords(MemoryRecords.readableRecords(BenchData.batch(16, 100)));
        ProduceRequestData.TopicProduceDataCollection topics = new ProduceRequestData.TopicProduceDataCollection();
        topics.add(new ProduceRequestData.TopicProduceData()
                .setTopicId(TOPIC_ID)
                .setPartitionData(List.of(partition)));
        return new ProduceRequestData().setAcks((short) -1).setTimeoutMs(30_000).setTopicData(topics);
    }

    private static FetchRequestData fetchData() {
        FetchRequestData.FetchPartition partition = new FetchRequestData.FetchPartition()
                .setPartition(0)
                .setCurrentLeaderEpoch(0)
                .setFetchOffset(123_456)
                .setLastFetchedEpoch(0)
                .setPartitionMaxBytes(1024 * 1024);
        FetchRequestData.FetchTopic topic = new FetchRequestData.FetchTopic()
                .setTopicId(TOPIC_ID)
                .setPartitions(List.of(partition));
        return new FetchRequestData()
                .setReplicaId(-1)
                .setMaxWaitMs(500)
                .setMinBytes(1)
                .setMaxBytes(50 * 1024 * 1024)
                .setSessionId(0)
                .setSessionEpoch(-1)
                .setTopics(List.of(topic))
                .setRackId("");
    }

    private static ByteBuf frame(AbstractRequest request, ApiKeys apiKey) {
        RequestHeader header = new RequestHeader(apiKey, request.version(), "bench-client", 1);
        ByteBuffer bytes = request.serializeWithHeader(header);
        return Unpooled.wrappedBuffer(bytes);
    }

    private static void requireDecoded(DecodedFrame decoded) {
        if (!(decoded instanceof DecodedFrame.Request)) {
            throw new IllegalStateException("The benchmark frame did not decode: " + decoded);
        }
    }
}
