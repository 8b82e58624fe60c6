package io.tributary.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiVersionTable;
import java.util.Random;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.message.MetadataRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.junit.jupiter.api.Test;

/** Decodes seeded random, mutated and truncated frames; every one must decode without an exception. */
class HostileFrameTest {

    private static final long SEED = 0x7A1B_C0DEL;
    private static final int FRAMES = 10_000;

    private final KafkaRequestDecoder decoder = new KafkaRequestDecoder();
    private final PooledByteBufAllocator allocator = new PooledByteBufAllocator(false);

    @Test
    void randomFramesNeverThrow() {
        Random random = new Random(SEED);
        for (int i = 0; i < FRAMES; i++) {
            byte[] bytes = new byte[random.nextInt(64)];
            random.nextBytes(bytes);
            if (bytes.length >= 4 && random.nextBoolean()) {
                // Point half of the frames at an implemented API and version so the body parser runs.
                ApiKey key = ApiKey.values()[random.nextInt(ApiKey.values().length)];
                ApiVersionTable.VersionRange range = ApiVersionTable.accepted(key);
                short version = (short) (range.min() + random.nextInt(range.max() - range.min() + 1));
                bytes[0] = (byte) (key.id() >> 8);
                bytes[1] = (byte) key.id();
                bytes[2] = (byte) (version >> 8);
                bytes[3] = (byte) version;
            }

            DecodedFrame decoded = decodeCopy(bytes);

            assertThat(decoded).as("frame %s", i).isNotNull();
        }
    }

    @Test
    void truncatedFramesAreRejected() {
        Random random = new Random(SEED + 1);
        for (int i = 0; i < FRAMES; i++) {
            byte[] whole = validFrame(random, i);
            int length = random.nextInt(whole.length);
            byte[] truncated = java.util.Arrays.copyOf(whole, length);

            DecodedFrame decoded = decodeCopy(truncated);

            assertThat(decoded).as("frame %s cut to %s of %s bytes", i, length, whole.length)
                    .isInstanceOf(DecodedFrame.Rejected.class);
        }
    }

    @Test
    void mutatedFramesNeverThrow() {
        Random random = new Random(SEED + 2);
        for (int i = 0; i < FRAMES; i++) {
            byte[] frame = validFrame(random, i);
            int mutations = 1 + random.nextInt(6);
            for (int m = 0; m < mutations; m++) {
                // Keep the header so that most mutations reach the body parser.
                int index = 8 + random.nextInt(Math.max(1, frame.length - 8));
                if (index < frame.length) {
                    frame[index] = (byte) random.nextInt(256);
                }
            }

            DecodedFrame decoded = decodeCopy(frame);

            assertThat(decoded).as("frame %s", i).isNotNull();
        }
    }

    /** Decodes a pooled copy of {@code bytes} and checks that the decoder neither consumed nor released it. */
    private DecodedFrame decodeCopy(byte[] bytes) {
        ByteBuf frame = allocator.buffer(bytes.length);
        try {
            frame.writeBytes(bytes);
            DecodedFrame decoded = decoder.decode(frame);
            assertThat(frame.refCnt()).isEqualTo(1);
            assertThat(frame.readerIndex()).isZero();
            return decoded;
        } finally {
            frame.release();
        }
    }

    private static byte[] validFrame(Random random, int i) {
        ApiMessage body;
        ApiKeys key;
        short version;
        switch (i % 3) {
            case 0 -> {
                key = ApiKeys.METADATA;
                version = (short) random.nextInt(14);
                body = new MetadataRequestData().setTopics(java.util.List.of(
                        new MetadataRequestData.MetadataRequestTopic().setName("topic-" + i)));
            }
            case 1 -> {
                key = ApiKeys.FETCH;
                version = (short) (4 + random.nextInt(15));
                body = new FetchRequestData().setMaxWaitMs(100);
            }
            default -> {
                key = ApiKeys.API_VERSIONS;
                version = (short) random.nextInt(6);
                body = version >= 3
                        ? new ApiVersionsRequestData().setClientSoftwareName("c").setClientSoftwareVersion("1")
                        : new ApiVersionsRequestData();
            }
        }
        ByteBuf frame = KafkaWire.requestFrame(key, version, i, body);
        try {
            byte[] bytes = new byte[frame.readableBytes()];
            frame.readBytes(bytes);
            return bytes;
        } finally {
            frame.release();
        }
    }
}
