package io.tributary.server.network;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.ReferenceCounted;
import io.tributary.broker.Broker;
import io.tributary.broker.BrokerConfig;
import io.tributary.broker.RequestDispatcher;
import io.tributary.broker.group.CoordinatorNode;
import io.tributary.broker.group.GroupConfig;
import io.tributary.broker.group.GroupCoordinator;
import io.tributary.protocol.codec.KafkaRequestDecoder;
import io.tributary.protocol.codec.KafkaResponseEncoder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.CreateTopicsRequestData;
import org.apache.kafka.common.message.CreateTopicsResponseData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.ProduceRequestData;
import org.apache.kafka.common.message.ProduceResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.CreateTopicsResponse;
import org.apache.kafka.common.requests.FetchResponse;
import org.apache.kafka.common.requests.ProduceResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Fetch through the connection pipeline the server builds (frame decoder, request handler, the Kafka codec)
 * in front of a real broker on a temporary data directory. Stored record data must leave as a
 * {@link FileRegion} over the segment file, and every outbound buffer and region must be released.
 *
 * <p>The broker completes some responses on its own threads, for example a Produce after the fsync. The
 * dispatcher given to the handler queues those completions, and the test thread runs them, so every write to
 * the {@link EmbeddedChannel} happens on the test thread.
 */
class FileRegionFetchTest {

    private static final String TOPIC = "stored";
    private static final String CLIENT_ID = "file-region-test";
    private static final byte[] VALUE = "stored-value".getBytes();

    @TempDir
    Path dataDir;

    private final Queue<Runnable> completions = new ConcurrentLinkedQueue<>();
    /** Outbound parts that the test read and has not released yet, compared by identity. */
    private final Set<Object> unreleased = Collections.newSetFromMap(new IdentityHashMap<>());
    private Broker broker;
    private EmbeddedChannel channel;

    @BeforeEach
    void startBroker() throws IOException {
        BrokerConfig config = BrokerConfig.defaults(1, "127.0.0.1", 9092, "file-region-cluster", dataDir);
        CoordinatorNode node = new CoordinatorNode(1, "127.0.0.1", 9092);
        broker = Broker.start(config, (settings, logManager, topics) -> {
            try {
                return GroupCoordinator.openOnStorage(GroupConfig.defaults(), node, topics, logManager);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, Clock.systemUTC());
        RequestDispatcher onTestThread = (context, request) ->
                broker.dispatch(context, request).thenApplyAsync(Function.identity(), completions::add);
        channel = new EmbeddedChannel(new FrameDecoder(1 << 20), new RequestHandler("file-region-connection",
                new KafkaRequestDecoder(), new KafkaResponseEncoder(), onTestThread, new ConnectionRegistry()));
    }

    @AfterEach
    void stopBroker() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
        unreleased.forEach(ReferenceCountUtil::safeRelease);
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void fetchSendsStoredBatchAsFileRegion() throws IOException {
        // Create the topic and append one batch
        CreateTopicsRequestData create = new CreateTopicsRequestData().setTimeoutMs(5_000);
        create.topics().add(new CreateTopicsRequestData.CreatableTopic()
                .setName(TOPIC).setNumPartitions(1).setReplicationFactor((short) 1));
        CreateTopicsResponseData created = ((CreateTopicsResponse) exchange(ApiKeys.CREATE_TOPICS, (short) 7, 1,
                create)).data();
        assertThat(created.topics().find(TOPIC).errorCode()).as("CreateTopics error").isEqualTo(Errors.NONE.code());

        ProduceRequestData produce = new ProduceRequestData().setAcks((short) -1).setTimeoutMs(5_000);
        produce.topicData().add(new ProduceRequestData.TopicProduceData().setName(TOPIC).setPartitionData(List.of(
                new ProduceRequestData.PartitionProduceData().setIndex(0).setRecords(
                        MemoryRecords.withRecords(Compression.NONE, new SimpleRecord("key".getBytes(), VALUE))))));
        ProduceResponseData.PartitionProduceResponse produced = ((ProduceResponse) exchange(ApiKeys.PRODUCE,
                (short) 9, 2, produce)).data().responses().find(TOPIC, Uuid.ZERO_UUID).partitionResponses().get(0);
        assertThat(produced.errorCode()).as("Produce error").isEqualTo(Errors.NONE.code());
        assertThat(produced.baseOffset()).as("Produce base offset").isZero();

        // Fetch the batch
        FetchRequestData fetch = new FetchRequestData()
                .setReplicaId(-1).setMaxWaitMs(0).setMinBytes(1).setMaxBytes(1 << 20).setSessionEpoch(-1)
                .setTopics(List.of(new FetchRequestData.FetchTopic().setTopic(TOPIC).setPartitions(List.of(
                        new FetchRequestData.FetchPartition().setPartition(0).setFetchOffset(0)
                                .setPartitionMaxBytes(1 << 20)))));
        writeRequest(ApiKeys.FETCH, (short) 12, 3, fetch);
        List<Object> parts = awaitResponseParts();

        List<FileRegion> regions = parts.stream()
                .filter(FileRegion.class::isInstance).map(FileRegion.class::cast).toList();
        assertThat(regions).as("file regions in the Fetch response").hasSize(1);
        FileRegion region = regions.get(0);
        byte[] regionBytes = transfer(region);
        byte[] segmentBytes = Files.readAllBytes(segmentFile());
        assertThat(regionBytes).as("file region bytes").isEqualTo(Arrays.copyOfRange(segmentBytes,
                Math.toIntExact(region.position()), Math.toIntExact(region.position() + region.count())));

        RecordBatch batch = MemoryRecords.readableRecords(ByteBuffer.wrap(regionBytes)).batches().iterator().next();
        assertThat(batch.baseOffset()).as("base offset of the fetched batch").isZero();
        Record record = batch.iterator().next();
        assertThat(toBytes(record.value())).as("fetched record value").isEqualTo(VALUE);

        FetchResponseData.PartitionData partition = ((FetchResponse) parse(concat(parts, regionBytes),
                ApiKeys.FETCH, (short) 12, 3)).data().responses().get(0).partitions().get(0);
        assertThat(partition.errorCode()).as("Fetch error").isEqualTo(Errors.NONE.code());
        assertThat(partition.highWatermark()).as("high watermark").isEqualTo(1L);

        // Release every part and check that nothing is left. The buffer parts are slices of one buffer, so
        // each reports the shared count until the last of them is released.
        for (Object part : parts) {
            assertThat(((ReferenceCounted) part).refCnt()).as("refCnt of %s before release", part).isPositive();
        }
        releaseAll(parts);
        for (Object part : parts) {
            assertThat(((ReferenceCounted) part).refCnt()).as("refCnt of %s after release", part).isZero();
        }
        assertThat(channel.finishAndReleaseAll()).as("messages left in the channel").isFalse();
        channel = null;
    }

    /** Writes one request and returns its parsed response, releasing the response buffers. */
    private AbstractResponse exchange(ApiKeys key, short version, int correlationId, ApiMessage body) {
        writeRequest(key, version, correlationId, body);
        List<Object> parts = awaitResponseParts();
        assertThat(parts).as("%s response parts", key).allMatch(ByteBuf.class::isInstance);
        try {
            return parse(concat(parts, new byte[0]), key, version, correlationId);
        } finally {
            releaseAll(parts);
        }
    }

    private void writeRequest(ApiKeys key, short version, int correlationId, ApiMessage body) {
        RequestHeader header = new RequestHeader(key, version, CLIENT_ID, correlationId);
        short headerVersion = key.requestHeaderVersion(version);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = header.data().size(cache, headerVersion) + body.size(cache, version);
        ByteBuffer frame = ByteBuffer.allocate(4 + size);
        frame.putInt(size);
        ByteBufferAccessor accessor = new ByteBufferAccessor(frame);
        header.data().write(accessor, cache, headerVersion);
        body.write(accessor, cache, version);
        frame.flip();

        // An allocator's buffer, unlike a wrapped array, is tracked by the leak detector
        ByteBuf inbound = ByteBufAllocator.DEFAULT.heapBuffer(frame.remaining());
        inbound.writeBytes(frame);
        channel.writeInbound(inbound);
    }

    /** Runs broker completions on this thread until the channel has written a response, and returns its parts. */
    private List<Object> awaitResponseParts() {
        await().atMost(Duration.ofSeconds(10)).pollInSameThread().until(() -> {
            Runnable completion;
            while ((completion = completions.poll()) != null) {
                completion.run();
            }
            channel.runPendingTasks();
            return !channel.outboundMessages().isEmpty();
        });
        List<Object> parts = new ArrayList<>();
        Object part;
        while ((part = channel.readOutbound()) != null) {
            parts.add(part);
            unreleased.add(part);
        }
        return parts;
    }

    /** Concatenates the parts of a response frame, with {@code regionBytes} in place of the file region. */
    private static ByteBuffer concat(List<Object> parts, byte[] regionBytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object part : parts) {
            if (part instanceof ByteBuf buf) {
                byte[] bytes = new byte[buf.readableBytes()];
                buf.getBytes(buf.readerIndex(), bytes);
                out.writeBytes(bytes);
            } else {
                out.writeBytes(regionBytes);
            }
        }
        return ByteBuffer.wrap(out.toByteArray());
    }

    private static AbstractResponse parse(ByteBuffer frame, ApiKeys key, short version, int correlationId) {
        assertThat(frame.getInt()).as("%s response size prefix", key).isEqualTo(frame.remaining());
        return AbstractResponse.parseResponse(frame, new RequestHeader(key, version, CLIENT_ID, correlationId));
    }

    private static byte[] transfer(FileRegion region) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (WritableByteChannel target = Channels.newChannel(out)) {
            long written = 0;
            while (written < region.count()) {
                written += region.transferTo(target, written);
            }
        }
        return out.toByteArray();
    }

    private Path segmentFile() throws IOException {
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(file -> file.getFileName().toString().endsWith(".log"))
                    .filter(file -> file.getParent().getFileName().toString().startsWith(TOPIC + "-0"))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no segment file of " + TOPIC + "-0 in " + dataDir));
        }
    }

    private static byte[] toBytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    private void releaseAll(List<Object> parts) {
        for (Object part : parts) {
            unreleased.remove(part);
            ReferenceCountUtil.release(part);
        }
    }
}
