package io.tributary.bench;

import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.RequestContext;
import io.tributary.broker.group.CoordinatorNode;
import io.tributary.broker.group.GroupConfig;
import io.tributary.broker.group.GroupCoordinator;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.codec.KafkaResponseEncoder;
import io.tributary.protocol.codec.ResponseFrame;
import io.tributary.protocol.message.ApiRequest;
import io.tributary.protocol.message.ApiResponse;
import io.tributary.protocol.message.CreateTopicsRequest;
import io.tributary.protocol.message.CreateTopicsResponse;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.storage.FileSlice;
import io.tributary.storage.Log;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Builds the Fetch response for one partition with records present, at a random fetch offset per
 * operation. The broker runs in-process with no network server and a {@link NoOpFileSync}. Its
 * single partition contains 2000 batches of 16 records with 100-byte values (about 3.6 MB).
 *
 * <ul>
 *   <li>{@code readSlice}: the storage read alone, {@link Log#read} and closing the slice.</li>
 *   <li>{@code fetch}: the broker's Fetch handler through {@link Broker#dispatch}, then releasing
 *       the response.</li>
 *   <li>{@code fetchAndEncode}: the same, then encoding the response with
 *       {@link KafkaResponseEncoder} into the frame the network layer writes, and releasing the frame.</li>
 * </ul>
 * The fetch is a consumer's sessionless Fetch v17 naming the topic by id, with {@code maxWaitMs=0}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class FetchBenchmark {

    private static final String TOPIC = "bench";
    private static final short FETCH_VERSION = 17;
    private static final int BATCHES = 2000;
    private static final int RECORDS_PER_BATCH = 16;
    private static final int FETCH_OFFSETS = 1 << 12;

    /** The partition's {@code partitionMaxBytes}; the Java consumer's default is 1 MiB. */
    @Param({"1048576"})
    public int partitionMaxBytes;

    private final KafkaResponseEncoder encoder = new KafkaResponseEncoder();
    private Path dataDir;
    private Broker broker;
    private Log log;
    private UUID topicId;
    private long[] fetchOffsets;
    private int next;
    private int correlationId;

    @Setup(Level.Trial)
    public void startBroker() throws IOException {
        dataDir = BenchData.createDataDir("bench-fetch");
        BrokerConfig config = BrokerConfig.defaults(1, "127.0.0.1", 9092, "bench-cluster-id-00001", dataDir);
        broker = Broker.start(config, (settings, logManager, topics) -> {
            try {
                return GroupCoordinator.openOnStorage(GroupConfig.defaults(),
                        new CoordinatorNode(settings.nodeId(), settings.advertisedHost(), settings.advertisedPort()),
                        topics, logManager);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Clock.systemUTC(), NoOpFileSync.INSTANCE);
        topicId = createTopic();
        produceBatches();
        log = broker.logManager().log(TOPIC, 0).orElseThrow();

        SplittableRandom random = new SplittableRandom(42);
        fetchOffsets = new long[FETCH_OFFSETS];
        for (int i = 0; i < FETCH_OFFSETS; i++) {
            fetchOffsets[i] = random.nextLong(log.highWatermark());
        }
    }

    @Benchmark
    public int readSlice() {
        try (FileSlice slice = log.read(nextFetchOffset(), partitionMaxBytes, true)) {
            return slice.size();
        }
    }

    @Benchmark
    public FetchResponse fetch() {
        FetchResponse response = (FetchResponse) dispatch(fetchHeader(), fetchRequest(nextFetchOffset()));
        response.release();
        return response;
    }

    @Benchmark
    public long fetchAndEncode() {
        RequestHeader header = fetchHeader();
        ApiResponse response = dispatch(header, fetchRequest(nextFetchOffset()));
        ResponseFrame frame = encoder.encode(header, response);
        frame.release();
        return frame.sizeInBytes();
    }

    @TearDown(Level.Trial)
    public void stopBroker() {
        broker.close();
        BenchData.deleteRecursively(dataDir);
    }

    private long nextFetchOffset() {
        return fetchOffsets[next++ & (FETCH_OFFSETS - 1)];
    }

    private RequestHeader fetchHeader() {
        return new RequestHeader(ApiKey.FETCH, FETCH_VERSION, ++correlationId, "bench-consumer");
    }

    private FetchRequest fetchRequest(long fetchOffset) {
        FetchRequest.FetchPartition partition = new FetchRequest.FetchPartition(0, -1, fetchOffset, -1, -1,
                partitionMaxBytes);
        return new FetchRequest(-1, 0, 1, 50 * 1024 * 1024, (byte) 0, 0, -1,
                List.of(new FetchRequest.FetchTopic(TOPIC, topicId, List.of(partition))), List.of(), "");
    }

    private ApiResponse dispatch(RequestHeader header, ApiRequest request) {
        RequestContext context = new RequestContext(header, "bench-connection",
                InetSocketAddress.createUnresolved("127.0.0.1", 40000));
        return broker.dispatch(context, request).join();
    }

    private UUID createTopic() {
        RequestHeader header = new RequestHeader(ApiKey.CREATE_TOPICS, (short) 7, ++correlationId, "bench-admin");
        CreateTopicsResponse response = (CreateTopicsResponse) dispatch(header, new CreateTopicsRequest(
                List.of(new CreateTopicsRequest.Topic(TOPIC, 1, (short) 1, List.of(), Map.of())), 30_000, false));
        CreateTopicsResponse.Result result = response.topics().get(0);
        if (result.error() != ErrorCode.NONE) {
            throw new IllegalStateException("Cannot create topic " + TOPIC + ": " + result.error());
        }
        return result.topicId();
    }

    /** Produces with {@code acks=-1}, so the high watermark covers every batch once this returns. */
    private void produceBatches() {
        ByteBuffer batch = BenchData.batch(RECORDS_PER_BATCH, 100);
        for (int i = 0; i < BATCHES; i++) {
            RequestHeader header = new RequestHeader(ApiKey.PRODUCE, (short) 9, ++correlationId, "bench-producer");
            ProduceResponse response = (ProduceResponse) dispatch(header, new ProduceRequest(null, (short) -1, 30_000,
                    List.of(new ProduceRequest.TopicData(TOPIC, null,
                            List.of(new ProduceRequest.PartitionData(0, batch.duplicate()))))));
            ErrorCode error = response.topics().get(0).partitions().get(0).error();
            if (error != ErrorCode.NONE) {
                throw new IllegalStateException("Produce to " + TOPIC + "-0 failed with " + error);
            }
        }
    }
}
