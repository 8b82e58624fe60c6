package io.tributary.broker.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.RequestContext;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.message.ApiRequest;
import io.tributary.protocol.message.ApiResponse;
import io.tributary.protocol.message.CreateTopicsRequest;
import io.tributary.protocol.message.CreateTopicsResponse;
import io.tributary.protocol.message.FetchRequest;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.protocol.message.RecordsPayload;
import io.tributary.storage.record.Record;
import io.tributary.storage.record.RecordBatchBuilder;
import io.tributary.storage.record.RecordBatchReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a broker on a data directory and sends it requests as the network layer would.
 *
 * <p>A test class either creates a harness on a directory of its own and closes it, or registers
 * {@link #perTest()} with {@code @RegisterExtension}, which starts a broker on a new temporary directory before
 * each test, creates the topics given to {@link #withTopic}, and closes the broker and deletes the directory after
 * the test.
 */
public final class BrokerHarness implements AutoCloseable, BeforeEachCallback, AfterEachCallback {

    public static final String CLUSTER_ID = "test-cluster-id-000001";

    private final AtomicInteger correlationIds = new AtomicInteger();
    private final Map<String, Integer> topicsPerTest = new LinkedHashMap<>();
    private final Clock clock;
    private BrokerConfig config;
    private Path temporaryDir;
    private Broker broker;

    public BrokerHarness(Path dataDir) throws IOException {
        this(defaultConfig(dataDir));
    }

    public BrokerHarness(BrokerConfig config) throws IOException {
        this(config, Clock.systemUTC());
    }

    public BrokerHarness(BrokerConfig config, Clock clock) throws IOException {
        this.clock = clock;
        this.config = config;
        this.broker = startBroker();
    }

    private BrokerHarness() {
        this.clock = Clock.systemUTC();
    }

    /** Returns a harness that starts a broker before each test of the class that registers it as an extension. */
    public static BrokerHarness perTest() {
        return new BrokerHarness();
    }

    /** Adds a topic that {@link #perTest()} creates before each test, with no topic-level settings. */
    public BrokerHarness withTopic(String name, int partitions) {
        topicsPerTest.put(name, partitions);
        return this;
    }

    public static BrokerConfig defaultConfig(Path dataDir) {
        return BrokerConfig.defaults(1, "127.0.0.1", 9092, CLUSTER_ID, dataDir);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        if (broker != null) {
            throw new IllegalStateException("The broker of this harness is already running");
        }
        temporaryDir = Files.createTempDirectory("broker-test");
        config = defaultConfig(temporaryDir);
        broker = startBroker();
        topicsPerTest.forEach((name, partitions) -> createTopic(name, partitions, Map.of()));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        close();
        broker = null;
        deleteRecursively(temporaryDir);
    }

    private Broker startBroker() throws IOException {
        return Broker.start(config, (cfg, logs, topics) -> new NoGroupCoordinator(), clock);
    }

    public Broker broker() {
        return broker;
    }

    public Path dataDir() {
        return config.dataDir();
    }

    /** Closes the broker and starts a new one on the same data directory. */
    public void restart() throws IOException {
        broker.close();
        broker = startBroker();
    }

    /** Dispatches a request at the given version and returns the response future. */
    public CompletableFuture<ApiResponse> dispatch(ApiKey key, int version, ApiRequest request) {
        RequestHeader header = new RequestHeader(key, (short) version, correlationIds.incrementAndGet(), "test-client");
        RequestContext context = new RequestContext(header, "conn-1", new InetSocketAddress("127.0.0.1", 40000));
        return broker.dispatch(context, request);
    }

    /** Dispatches a request and waits for its response. */
    @SuppressWarnings("unchecked")
    public <T extends ApiResponse> T send(ApiKey key, int version, ApiRequest request) {
        try {
            return (T) dispatch(key, version, request).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("Request " + key + " did not complete", e);
        }
    }

    /** Creates a topic and returns its id. */
    public UUID createTopic(String name, int partitions, Map<String, String> configs) {
        CreateTopicsResponse response = send(ApiKey.CREATE_TOPICS, 7, new CreateTopicsRequest(
                List.of(new CreateTopicsRequest.Topic(name, partitions, (short) 1, List.of(), configs)), 30000, false));
        assertThat(response.topics().get(0).error()).isEqualTo(ErrorCode.NONE);
        return response.topics().get(0).topicId();
    }

    /** Produces one batch of string values with acks=-1 and returns the partition response. */
    public ProduceResponse.PartitionResponse produce(String topic, int partition, String... values) {
        return produce(topic, partition, batch(values));
    }

    public ProduceResponse.PartitionResponse produce(String topic, int partition, ByteBuffer batch) {
        ProduceResponse response = send(ApiKey.PRODUCE, 9, new ProduceRequest(null, (short) -1, 30000, List.of(
                new ProduceRequest.TopicData(topic, null, List.of(new ProduceRequest.PartitionData(partition, batch))))));
        return response.topics().get(0).partitions().get(0);
    }

    public static ByteBuffer batch(String... values) {
        RecordBatchBuilder builder = new RecordBatchBuilder();
        for (String value : values) {
            builder.add(System.currentTimeMillis(), null, value);
        }
        return builder.build();
    }

    /** Builds a fetch of one partition by name (versions before 13). */
    public static FetchRequest fetchRequest(String topic, int partition, long offset, int maxWaitMs, int minBytes,
                                            int sessionId, int sessionEpoch) {
        return new FetchRequest(-1, maxWaitMs, minBytes, 50 * 1024 * 1024, (byte) 0, sessionId, sessionEpoch,
                List.of(new FetchRequest.FetchTopic(topic, null, List.of(
                        new FetchRequest.FetchPartition(partition, -1, offset, -1, -1, 1024 * 1024)))),
                List.of(), "");
    }

    /** Returns the string values of the records in a fetched partition. */
    public static List<String> values(FetchResponse.PartitionData data) {
        List<String> values = new ArrayList<>();
        for (ByteBuffer batch : RecordBatchReader.batches(bytes(data.records()))) {
            for (Record record : RecordBatchReader.records(batch)) {
                values.add(new String(record.value(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return values;
    }

    /** Returns the base offsets of the batches in a fetched partition. */
    public static List<Long> baseOffsets(FetchResponse.PartitionData data) {
        List<Long> offsets = new ArrayList<>();
        for (ByteBuffer batch : RecordBatchReader.batches(bytes(data.records()))) {
            offsets.add(batch.getLong(batch.position()));
        }
        return offsets;
    }

    /** Returns a copy of the payload's bytes; a file slice is read through its channel and not released. */
    public static ByteBuffer bytes(RecordsPayload payload) {
        if (payload instanceof RecordsPayload.Memory memory) {
            return memory.buffer().duplicate();
        }
        RecordsPayload.FileSlice slice = (RecordsPayload.FileSlice) payload;
        ByteBuffer buffer = ByteBuffer.allocate(slice.size());
        try {
            while (buffer.hasRemaining()) {
                if (slice.channel().read(buffer, slice.position() + buffer.position()) < 0) {
                    throw new AssertionError("File slice ends early: " + slice);
                }
            }
        } catch (IOException e) {
            throw new AssertionError("Cannot read " + slice, e);
        }
        return buffer.flip();
    }

    @Override
    public void close() {
        broker.close();
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
