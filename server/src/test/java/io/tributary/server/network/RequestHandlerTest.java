package io.tributary.server.network;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.timeout.IdleStateEvent;
import io.tributary.broker.RequestContext;
import io.tributary.broker.RequestDispatcher;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ApiRequest;
import io.tributary.protocol.message.ApiResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class RequestHandlerTest {

    private final FakeCodec codec = new FakeCodec();
    private final ScriptedDispatcher dispatcher = new ScriptedDispatcher(false);
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private EmbeddedChannel channel;

    private EmbeddedChannel open(RequestDispatcher requestDispatcher) {
        channel = new EmbeddedChannel(new FrameDecoder(1024),
                new RequestHandler("test-connection", codec, codec, requestDispatcher, registry));
        return channel;
    }

    @AfterEach
    void closeChannel() {
        if (channel != null) {
            channel.finishAndReleaseAll();
        }
    }

    /** Reads every response written so far as {correlation id, kind} pairs, releasing the buffers. */
    private List<int[]> responses() {
        List<int[]> result = new ArrayList<>();
        ByteBuf buffer;
        while ((buffer = channel.readOutbound()) != null) {
            try {
                assertThat(buffer.readInt()).isEqualTo(8);
                result.add(new int[] {buffer.readInt(), buffer.readInt()});
            } finally {
                buffer.release();
            }
        }
        return result;
    }

    private static List<Integer> correlationIds(List<int[]> responses) {
        return responses.stream().map(response -> response[0]).toList();
    }

    @Test
    void responsesFollowRequestOrderWhenFuturesCompleteOutOfOrder() {
        open(dispatcher);
        channel.writeInbound(FakeCodec.request(ApiKey.API_VERSIONS, 1));
        channel.writeInbound(FakeCodec.request(ApiKey.API_VERSIONS, 2));
        channel.writeInbound(FakeCodec.request(ApiKey.API_VERSIONS, 3));

        dispatcher.completeOk(3);
        assertThat(responses()).isEmpty();

        dispatcher.completeOk(1);
        assertThat(correlationIds(responses())).containsExactly(1);

        dispatcher.completeOk(2);
        assertThat(correlationIds(responses())).containsExactly(2, 3);
        assertThat(dispatcher.dispatched()).containsExactly(1, 2, 3);
        assertThat(dispatcher.overlapped()).isFalse();
    }

    @Test
    void requestLogNamesApiAndClient() {
        Logger requestLog = (Logger) LoggerFactory.getLogger(RequestHandler.REQUEST_LOGGER_NAME);
        Level previousLevel = requestLog.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        requestLog.addAppender(appender);
        requestLog.setLevel(Level.DEBUG);
        try {
            open(dispatcher);
            channel.writeInbound(FakeCodec.request(ApiKey.API_VERSIONS, 5));
            dispatcher.completeOk(5);
        } finally {
            requestLog.detachAppender(appender);
            requestLog.setLevel(previousLevel);
        }

        assertThat(appender.list).hasSize(1);
        assertThat(appender.list.get(0).getFormattedMessage())
                .contains("api_key=API_VERSIONS")
                .contains("correlation_id=5")
                .contains("client_id=test-client");
    }

    @Test
    void requestFrameIsReleasedAfterDispatch() {
        open(dispatcher);
        ByteBuf request = FakeCodec.request(ApiKey.API_VERSIONS, 7);

        channel.writeInbound(request);

        assertThat(dispatcher.dispatched()).containsExactly(7);
        assertThat(request.refCnt()).isZero();
    }

    @Test
    void produceWithAcksZeroGetsNoResponse() {
        open(dispatcher);
        channel.writeInbound(FakeCodec.produce(1, (short) 0));
        channel.writeInbound(FakeCodec.request(ApiKey.API_VERSIONS, 2));

        dispatcher.complete(1, null);
        dispatcher.completeOk(2);

        assertThat(correlationIds(responses())).containsExactly(2);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void produceWithAcksZeroAndErrorClosesConnection() {
        open(dispatcher);
        channel.writeInbound(FakeCodec.produce(1, (short) 0));

        dispatcher.complete(1, ScriptedDispatcher.produceResponse(ErrorCode.NOT_LEADER_OR_FOLLOWER));

        assertThat(responses()).isEmpty();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void produceWithAcksOneGetsResponse() {
        open(dispatcher);
        channel.writeInbound(FakeCodec.produce(4, (short) 1));

        dispatcher.complete(4, ScriptedDispatcher.produceResponse(ErrorCode.NOT_LEADER_OR_FOLLOWER));

        assertThat(correlationIds(responses())).containsExactly(4);
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void rejectedFrameClosesConnection() {
        open(dispatcher);
        channel.writeInbound(FakeCodec.raw((short) 999, (short) 0, 5));

        assertThat(responses()).isEmpty();
        assertThat(dispatcher.dispatched()).isEmpty();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void unsupportedApiVersionsIsAnsweredAndConnectionStaysOpen() {
        open(dispatcher);
        channel.writeInbound(FakeCodec.raw(ApiKey.API_VERSIONS.id(), FakeCodec.UNSUPPORTED_VERSION, 9));

        List<int[]> responses = responses();

        assertThat(correlationIds(responses)).containsExactly(9);
        assertThat(responses.get(0)[1]).isEqualTo(FakeCodec.KIND_UNSUPPORTED);
        assertThat(dispatcher.dispatched()).isEmpty();
        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void unsupportedApiVersionsAnswerWaitsForEarlierResponses() {
        open(dispatcher);
        channel.writeInbound(FakeCodec.request(ApiKey.API_VERSIONS, 1));
        channel.writeInbound(FakeCodec.raw(ApiKey.API_VERSIONS.id(), FakeCodec.UNSUPPORTED_VERSION, 2));
        assertThat(responses()).isEmpty();

        dispatcher.completeOk(1);

        assertThat(correlationIds(responses())).containsExactly(1, 2);
    }

    @Test
    void readingStopsWhileTooManyResponsesPending() {
        open(dispatcher);
        for (int id = 0; id < RequestHandler.MAX_PENDING; id++) {
            channel.writeInbound(FakeCodec.request(ApiKey.API_VERSIONS, id));
        }
        assertThat(channel.config().isAutoRead()).isFalse();

        for (int id = 0; id < RequestHandler.MAX_PENDING; id++) {
            dispatcher.completeOk(id);
        }

        assertThat(responses()).hasSize(RequestHandler.MAX_PENDING);
        assertThat(channel.config().isAutoRead()).isTrue();
    }

    @Test
    void throwingDispatcherClosesConnection() {
        open(new RequestDispatcher() {
            @Override
            public CompletableFuture<ApiResponse> dispatch(RequestContext context, ApiRequest request) {
                throw new IllegalStateException("broken handler");
            }
        });

        channel.writeInbound(FakeCodec.request(ApiKey.API_VERSIONS, 1));

        assertThat(responses()).isEmpty();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void failedResponseFutureClosesConnection() {
        open(dispatcher);
        channel.writeInbound(FakeCodec.request(ApiKey.API_VERSIONS, 1));

        dispatcher.futureOf(1).completeExceptionally(new IllegalStateException("append failed"));

        assertThat(responses()).isEmpty();
        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void idleEventClosesConnectionWithoutPendingRequests() {
        open(dispatcher);

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

        assertThat(channel.isActive()).isFalse();
    }

    @Test
    void idleEventKeepsConnectionWithPendingRequest() {
        open(dispatcher);
        channel.writeInbound(FakeCodec.request(ApiKey.API_VERSIONS, 1));

        channel.pipeline().fireUserEventTriggered(IdleStateEvent.ALL_IDLE_STATE_EVENT);

        assertThat(channel.isActive()).isTrue();
    }

    @Test
    void openConnectionIsRegisteredUntilClosed() {
        open(dispatcher);
        assertThat(registry.size()).isEqualTo(1);

        channel.close();

        assertThat(registry.size()).isZero();
    }
}
