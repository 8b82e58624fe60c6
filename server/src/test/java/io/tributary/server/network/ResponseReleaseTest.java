package io.tributary.server.network;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.codec.ResponseEncoder;
import io.tributary.protocol.codec.ResponseFrame;
import io.tributary.protocol.message.ApiResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every response the handler receives has its record payloads released exactly once, sent or not. */
class ResponseReleaseTest {

    private final FakeCodec codec = new FakeCodec();
    private final ScriptedDispatcher dispatcher = new ScriptedDispatcher(false);
    private EmbeddedChannel channel;

    @AfterEach
    void closeChannel() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void sentResponseIsReleasedByEncoderOnly() {
        open(new ReleasingEncoder(false));
        CountingResponse response = new CountingResponse();
        channel.writeInbound(FakeCodec.request(ApiKey.FETCH, 1));

        dispatcher.complete(1, response);
        releaseOutbound();

        assertThat(response.releases).hasValue(1);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void queuedResponseIsReleasedWhenConnectionCloses() {
        open(new ReleasingEncoder(false));
        CountingResponse queued = new CountingResponse();
        channel.writeInbound(FakeCodec.request(ApiKey.FETCH, 1));
        channel.writeInbound(FakeCodec.request(ApiKey.FETCH, 2));
        dispatcher.complete(2, queued);

        channel.close();

        assertThat(queued.releases).hasValue(1);
    }

    @Test
    void responseCompletedAfterCloseIsReleased() {
        open(new ReleasingEncoder(false));
        CountingResponse late = new CountingResponse();
        channel.writeInbound(FakeCodec.request(ApiKey.FETCH, 1));
        channel.close();

        dispatcher.complete(1, late);
        channel.runPendingTasks();

        assertThat(late.releases).hasValue(1);
    }

    @Test
    void encoderFailureClosesConnectionAfterRelease() {
        open(new ReleasingEncoder(true));
        CountingResponse response = new CountingResponse();
        channel.writeInbound(FakeCodec.request(ApiKey.FETCH, 1));

        dispatcher.complete(1, response);

        assertThat(response.releases).hasValue(1);
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void acksZeroResponseIsReleased() {
        open(new ReleasingEncoder(false));
        CountingResponse response = new CountingResponse();
        channel.writeInbound(FakeCodec.produce(1, (short) 0));

        dispatcher.complete(1, response);

        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(response.releases).hasValue(1);
    }

    private void open(ResponseEncoder encoder) {
        channel = new EmbeddedChannel(new FrameDecoder(1024),
                new RequestHandler("test-connection", codec, encoder, dispatcher, new ConnectionRegistry()));
    }

    private void releaseOutbound() {
        ByteBuf buffer;
        while ((buffer = channel.readOutbound()) != null) {
            buffer.release();
        }
    }

    /** A response that counts its releases instead of holding file slices. */
    private static final class CountingResponse implements ApiResponse {
        final AtomicInteger releases = new AtomicInteger();

        @Override
        public void release() {
            releases.incrementAndGet();
        }
    }

    /** Follows the encoder contract: it releases the response when it encodes it, and also when it fails. */
    private final class ReleasingEncoder implements ResponseEncoder {
        private final boolean fail;

        ReleasingEncoder(boolean fail) {
            this.fail = fail;
        }

        @Override
        public ResponseFrame encode(RequestHeader header, ApiResponse response) {
            response.release();
            if (fail) {
                throw new IllegalArgumentException("cannot encode the response");
            }
            return codec.encode(header, response);
        }

        @Override
        public ResponseFrame encodeUnsupportedApiVersions(int correlationId) {
            return codec.encodeUnsupportedApiVersions(correlationId);
        }
    }
}
