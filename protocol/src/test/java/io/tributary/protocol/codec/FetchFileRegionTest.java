package io.tributary.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.AbstractByteBufAllocator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.RecordsPayload;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.compress.Compression;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.record.internal.MemoryRecords;
import org.apache.kafka.common.record.internal.Record;
import org.apache.kafka.common.record.internal.RecordBatch;
import org.apache.kafka.common.record.internal.SimpleRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchFileRegionTest {

    private static final UUID TOPIC_ID = UUID.fromString("6a7c3f0e-1d2b-4c5d-9e8f-0a1b2c3d4e5f");

    @TempDir
    Path dir;

    private final KafkaResponseEncoder encoder = new KafkaResponseEncoder();
    private final List<FileChannel> channels = new ArrayList<>();

    @AfterEach
    void closeChannels() throws IOException {
        for (FileChannel channel : channels) {
            channel.close();
        }
    }

    @Test
    void fileSliceBecomesFileRegionBetweenBuffers() throws IOException {
        Path segment = writeSegment(100, 500);
        RecordsPayload.FileSlice slice = slice(segment, 100, new AtomicInteger());

        ResponseFrame frame = encoder.encode(header((short) 16), response(slice));
        try {
            assertThat(frame.parts()).hasSize(3);
            assertThat(frame.parts().get(0)).isInstanceOf(ByteBuf.class);
            assertThat(frame.parts().get(1)).isInstanceOf(FileRegion.class);
            assertThat(frame.parts().get(2)).isInstanceOf(ByteBuf.class);
            FileRegion region = (FileRegion) frame.parts().get(1);
            assertThat(region.position()).isEqualTo(100);
            assertThat(region.count()).isEqualTo(slice.size());
            assertThat(frame.sizeInBytes()).isEqualTo(partsSize(frame));
            int bufferCapacity = ((ByteBuf) frame.parts().get(0)).capacity() + ((ByteBuf) frame.parts().get(2)).capacity();
            assertThat(bufferCapacity).as("buffers sized without the file slice").isLessThan(slice.size() / 4);
        } finally {
            frame.release();
        }
    }

    @Test
    void fileSliceResponseParsesBackWithRecords() throws IOException {
        for (short version : new short[] {4, 12, 13, 18}) {
            Path segment = writeSegment(64, 5);
            RecordsPayload.FileSlice slice = slice(segment, 64, new AtomicInteger());

            ByteBuffer bytes = KafkaWire.bytes(encoder.encode(header(version), response(slice)));
            var parsed = (org.apache.kafka.common.requests.FetchResponse)
                    KafkaWire.parseResponse(bytes, ApiKeys.FETCH, version, 42);

            FetchResponseData.FetchableTopicResponse topic = parsed.data().responses().get(0);
            if (version >= 13) {
                assertThat(topic.topicId().toString()).as("v%s topic id", version)
                        .isEqualTo(KafkaTypes.toKafkaUuid(TOPIC_ID).toString());
            } else {
                assertThat(topic.topic()).as("v%s topic name", version).isEqualTo("orders");
            }
            FetchResponseData.PartitionData partition = topic.partitions().get(0);
            assertThat(partition.highWatermark()).as("v%s high watermark", version).isEqualTo(5L);
            List<String> values = new ArrayList<>();
            for (Record record : ((MemoryRecords) partition.records()).records()) {
                values.add(StandardCharsets.UTF_8.decode(record.value()).toString());
            }
            assertThat(values).as("v%s record values", version)
                    .containsExactly("value-0", "value-1", "value-2", "value-3", "value-4");
        }
    }

    @Test
    void emptyFileSliceAddsNoFileRegion() throws IOException {
        Path segment = writeSegment(0, 1);
        AtomicInteger releases = new AtomicInteger();
        RecordsPayload.FileSlice slice = new RecordsPayload.FileSlice(open(segment), 0, 0, releases::incrementAndGet);

        ResponseFrame frame = encoder.encode(header((short) 18), response(slice));
        try {
            assertThat(frame.parts()).noneMatch(part -> part instanceof FileRegion);
            assertThat(frame.sizeInBytes()).isEqualTo(partsSize(frame));
            assertThat(releases).as("empty slice released by the encoder").hasValue(1);
        } finally {
            frame.release();
        }
        assertThat(releases).hasValue(1);
    }

    @Test
    void releasedFrameReleasesSliceOnce() throws IOException {
        Path segment = writeSegment(0, 3);
        AtomicInteger releases = new AtomicInteger();
        RecordsPayload.FileSlice slice = slice(segment, 0, releases);

        ResponseFrame frame = encoder.encode(header((short) 16), response(slice));
        assertThat(releases).as("released before the frame").hasValue(0);
        frame.release();
        frame.release();

        assertThat(releases).hasValue(1);
        assertThat(slice.isReleased()).isTrue();
        assertThat(slice.channel().isOpen()).as("shared channel stays open").isTrue();
    }

    @Test
    void sentRegionReleasesSliceOnce() throws IOException {
        Path segment = writeSegment(0, 3);
        AtomicInteger releases = new AtomicInteger();
        RecordsPayload.FileSlice slice = slice(segment, 0, releases);

        KafkaWire.bytes(encoder.encode(header((short) 16), response(slice)));

        assertThat(releases).hasValue(1);
        assertThat(slice.channel().isOpen()).as("shared channel stays open").isTrue();
    }

    @Test
    void sliceOfDeletedFileIsSentIntact() throws IOException {
        Path segment = writeSegment(16, 4);
        RecordsPayload.FileSlice slice = slice(segment, 16, new AtomicInteger());
        Files.delete(segment);

        ByteBuffer bytes = KafkaWire.bytes(encoder.encode(header((short) 16), response(slice)));
        var parsed = (org.apache.kafka.common.requests.FetchResponse)
                KafkaWire.parseResponse(bytes, ApiKeys.FETCH, (short) 16, 42);

        FetchResponseData.PartitionData partition = parsed.data().responses().get(0).partitions().get(0);
        List<String> values = new ArrayList<>();
        for (Record record : ((MemoryRecords) partition.records()).records()) {
            values.add(StandardCharsets.UTF_8.decode(record.value()).toString());
        }
        assertThat(values).containsExactly("value-0", "value-1", "value-2", "value-3");
    }

    @Test
    void mismatchedResponseReleasesSlice() throws IOException {
        AtomicInteger releases = new AtomicInteger();
        RecordsPayload.FileSlice slice = slice(writeSegment(0, 2), 0, releases);
        RequestHeader metadataHeader = new RequestHeader(ApiKey.METADATA, (short) 12, 42, KafkaWire.CLIENT_ID);

        assertThatThrownBy(() -> encoder.encode(metadataHeader, response(slice)))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(releases).hasValue(1);
    }

    @Test
    void failedWriteReleasesEverySliceOnce() throws IOException {
        AtomicInteger firstReleases = new AtomicInteger();
        AtomicInteger secondReleases = new AtomicInteger();
        FetchResponse response = twoSlices(firstReleases, secondReleases);
        // The frame's buffer is one byte short, so the write fails at its last byte, after both regions
        KafkaResponseEncoder failing = new KafkaResponseEncoder(new FailingAllocator(1, 1));

        assertThatThrownBy(() -> failing.encode(header((short) 16), response))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(firstReleases).as("first slice, inside a region").hasValue(1);
        assertThat(secondReleases).as("second slice, inside a region").hasValue(1);
    }

    @Test
    void manyPartitionsShareOneBuffer() throws IOException {
        List<FetchResponse.PartitionData> partitions = new ArrayList<>();
        for (int partition = 0; partition < 3; partition++) {
            partitions.add(partition(partition, slice(writeSegment(0, 2), 0, new AtomicInteger())));
        }
        FetchResponse response = new FetchResponse(0, ErrorCode.NONE, 0,
                List.of(new FetchResponse.FetchableTopic("orders", TOPIC_ID, partitions)));
        // The allocator allows one allocation, so a second buffer would fail the encoding
        KafkaResponseEncoder encoder = new KafkaResponseEncoder(new FailingAllocator(1, 0));

        ResponseFrame frame = encoder.encode(header((short) 16), response);
        try {
            assertThat(frame.parts()).hasSize(7);
            assertThat(partsSize(frame)).isEqualTo(frame.sizeInBytes());
        } finally {
            frame.release();
        }
    }

    @Test
    void failedAllocationReleasesEverySliceOnce() throws IOException {
        AtomicInteger firstReleases = new AtomicInteger();
        AtomicInteger secondReleases = new AtomicInteger();
        FetchResponse response = twoSlices(firstReleases, secondReleases);
        KafkaResponseEncoder failing = new KafkaResponseEncoder(new FailingAllocator(0, 0));

        assertThatThrownBy(() -> failing.encode(header((short) 16), response))
                .isInstanceOf(IllegalStateException.class);

        assertThat(firstReleases).as("first slice, not yet written").hasValue(1);
        assertThat(secondReleases).as("second slice, not yet written").hasValue(1);
    }

    /** Returns a response with two partitions, each with one file slice that counts its releases. */
    private FetchResponse twoSlices(AtomicInteger firstReleases, AtomicInteger secondReleases) throws IOException {
        RecordsPayload.FileSlice first = slice(writeSegment(0, 2), 0, firstReleases);
        RecordsPayload.FileSlice second = slice(writeSegment(0, 2), 0, secondReleases);
        return new FetchResponse(0, ErrorCode.NONE, 0, List.of(new FetchResponse.FetchableTopic(
                "orders", TOPIC_ID, List.of(partition(0, first), partition(1, second)))));
    }

    private static long partsSize(ResponseFrame frame) {
        long size = 0;
        for (Object part : frame.parts()) {
            size += part instanceof ByteBuf buf ? buf.readableBytes() : ((FileRegion) part).count();
        }
        return size;
    }

    private static RequestHeader header(short version) {
        return new RequestHeader(ApiKey.FETCH, version, 42, KafkaWire.CLIENT_ID);
    }

    private static FetchResponse response(RecordsPayload records) {
        return new FetchResponse(0, ErrorCode.NONE, 0,
                List.of(new FetchResponse.FetchableTopic("orders", TOPIC_ID, List.of(partition(0, records)))));
    }

    private static FetchResponse.PartitionData partition(int partition, RecordsPayload records) {
        return new FetchResponse.PartitionData(partition, ErrorCode.NONE, 5L, 5L, 0L, -1, records);
    }

    /** Returns a slice from {@code position} to the end of {@code segment} that counts its releases. */
    private RecordsPayload.FileSlice slice(Path segment, long position, AtomicInteger releases) throws IOException {
        FileChannel channel = open(segment);
        return new RecordsPayload.FileSlice(channel, position, (int) (channel.size() - position),
                releases::incrementAndGet);
    }

    private FileChannel open(Path segment) throws IOException {
        FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ);
        channels.add(channel);
        return channel;
    }

    /** Allocates {@code allowed} buffers, then fails every allocation. */
    /** Allows a number of allocations, each of a buffer that cannot grow and is {@code shortBy} bytes short. */
    private static final class FailingAllocator extends AbstractByteBufAllocator {
        private int allowed;
        private final int shortBy;

        FailingAllocator(int allowed, int shortBy) {
            super(false);
            this.allowed = allowed;
            this.shortBy = shortBy;
        }

        @Override
        protected ByteBuf newHeapBuffer(int initialCapacity, int maxCapacity) {
            if (allowed-- <= 0) {
                throw new IllegalStateException("allocation failed");
            }
            int capacity = Math.max(0, initialCapacity - shortBy);
            return Unpooled.buffer(capacity, capacity);
        }

        @Override
        protected ByteBuf newDirectBuffer(int initialCapacity, int maxCapacity) {
            return newHeapBuffer(initialCapacity, maxCapacity);
        }

        @Override
        public boolean isDirectBufferPooled() {
            return false;
        }
    }

    /** Writes {@code garbageBytes} of filler and then one batch of {@code count} records into a file. */
    private Path writeSegment(int garbageBytes, int count) throws IOException {
        SimpleRecord[] records = new SimpleRecord[count];
        for (int i = 0; i < count; i++) {
            records[i] = new SimpleRecord(1_700_000_000_000L + i, ("key-" + i).getBytes(StandardCharsets.UTF_8),
                    ("value-" + i).getBytes(StandardCharsets.UTF_8));
        }
        MemoryRecords batch = MemoryRecords.withRecords(RecordBatch.CURRENT_MAGIC_VALUE, 0L, Compression.NONE,
                org.apache.kafka.common.record.TimestampType.CREATE_TIME, records);
        Path file = Files.createTempFile(dir, "segment", ".log");
        ByteBuffer content = ByteBuffer.allocate(garbageBytes + batch.sizeInBytes());
        for (int i = 0; i < garbageBytes; i++) {
            content.put((byte) 0x5A);
        }
        content.put(batch.buffer().duplicate());
        Files.write(file, content.array());
        return file;
    }
}
