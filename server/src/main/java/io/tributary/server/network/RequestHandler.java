package io.tributary.server.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import io.tributary.broker.RequestContext;
import io.tributary.broker.RequestDispatcher;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.codec.DecodedFrame;
import io.tributary.protocol.codec.RequestDecoder;
import io.tributary.protocol.codec.ResponseEncoder;
import io.tributary.protocol.codec.ResponseFrame;
import io.tributary.protocol.message.ApiRequest;
import io.tributary.protocol.message.ApiResponse;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.ProduceResponse;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one client connection: decodes each frame, hands the request to the {@link RequestDispatcher}, and
 * writes the responses in request order.
 *
 * <p>Requests are dispatched one at a time in arrival order: the next {@code dispatch} call starts only
 * after the previous one returned, because both run on this connection's event loop. Their futures may
 * complete in any order on any thread; a queue of pending requests keeps the responses in request order.
 * The request frame is released as soon as {@code dispatch} returns.
 *
 * <p>Special cases: produce with acks=0 gets no response, and a response with a partition error closes
 * the connection so the client notices. A {@link DecodedFrame.Rejected} frame is logged (rate-limited) and
 * closes the connection. ApiVersions at an unsupported version gets a v0 response and the connection stays
 * open. A dispatcher that throws, or whose future fails, closes the connection after an error log line.
 *
 * <p>Record payloads (see {@link ApiResponse#release()}): each response is released by the encoder
 * when it is written (or fails to encode), here when it gets no response (acks=0), and here when the connection
 * closes before it was written, including responses whose future completes after the close.
 *
 * <p>Back-pressure: the handler stops reading while {@value #MAX_PENDING} requests wait for their response
 * or while the channel is not writable, and resumes when both clear.
 *
 * <p>Not sharable; all methods run on the connection's event loop.
 */
public final class RequestHandler extends ChannelInboundHandlerAdapter {

    /** Pending requests at which reading stops until responses have been written. */
    static final int MAX_PENDING = 64;

    private static final Logger log = LoggerFactory.getLogger(RequestHandler.class);

    /**
     * The request log: one DEBUG line per decoded request, naming the API, the version the client chose,
     * the correlation id and the client id. Off unless this logger is set to DEBUG.
     */
    static final String REQUEST_LOGGER_NAME = "io.tributary.request";

    private static final Logger REQUEST_LOG = LoggerFactory.getLogger(REQUEST_LOGGER_NAME);
    private static final RateLimitedLog REJECTED_LOG = new RateLimitedLog(10, TimeUnit.SECONDS, System::nanoTime);

    private final String connectionId;
    private final RequestDecoder decoder;
    private final ResponseEncoder encoder;
    private final RequestDispatcher dispatcher;
    private final ConnectionRegistry registry;
    private final ArrayDeque<PendingResponse> pending = new ArrayDeque<>();

    private ChannelHandlerContext ctx;
    private InetSocketAddress clientAddress;
    private boolean stopped;
    private boolean draining;

    /**
     * @param connectionId a server-unique id of the connection, passed to the dispatcher and logged
     * @param decoder      turns frames into requests
     * @param encoder      turns responses into frames
     * @param dispatcher   handles requests
     * @param registry     tracks open connections so shutdown can wait for their in-flight requests
     */
    public RequestHandler(String connectionId, RequestDecoder decoder, ResponseEncoder encoder,
                          RequestDispatcher dispatcher, ConnectionRegistry registry) {
        this.connectionId = connectionId;
        this.decoder = decoder;
        this.encoder = encoder;
        this.dispatcher = dispatcher;
        this.registry = registry;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext context) {
        this.ctx = context;
        if (context.channel().remoteAddress() instanceof InetSocketAddress address) {
            this.clientAddress = address;
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext context) throws Exception {
        registry.add(this);
        log.debug("[Connection {}] Opened from {}", connectionId, clientAddress);
        super.channelActive(context);
    }

    @Override
    public void channelInactive(ChannelHandlerContext context) throws Exception {
        registry.remove(this);
        log.debug("[Connection {}] Closed with {} pending requests", connectionId, pending.size());
        for (PendingResponse dropped : pending) {
            dropped.future().thenAccept(RequestHandler::releaseUnsent);
        }
        pending.clear();
        super.channelInactive(context);
    }

    @Override
    public void channelRead(ChannelHandlerContext context, Object msg) {
        ByteBuf frame = (ByteBuf) msg;
        try {
            if (!stopped && context.channel().isActive()) {
                handleFrame(frame);
            }
        } finally {
            frame.release();
        }
    }

    private void handleFrame(ByteBuf frame) {
        DecodedFrame decoded;
        try {
            decoded = decoder.decode(frame);
        } catch (RuntimeException e) {
            log.error("[Connection {}] Closing connection from {}: request decoder failed", connectionId,
                    clientAddress, e);
            ctx.close();
            return;
        }
        if (decoded instanceof DecodedFrame.Request request) {
            dispatch(request);
        } else if (decoded instanceof DecodedFrame.UnsupportedApiVersions unsupported) {
            enqueue(PendingResponse.unsupportedApiVersions(unsupported.correlationId()));
        } else if (decoded instanceof DecodedFrame.Rejected rejected) {
            reject(rejected);
        }
    }

    private void dispatch(DecodedFrame.Request request) {
        if (REQUEST_LOG.isDebugEnabled()) {
            REQUEST_LOG.debug("[Connection {}] api_key={} api_version={} correlation_id={} client_id={} from {}",
                    connectionId, request.header().apiKey().name(), request.header().apiVersion(),
                    request.header().correlationId(), request.header().clientId(), clientAddress);
        }
        RequestContext context = new RequestContext(request.header(), connectionId, clientAddress);
        CompletableFuture<ApiResponse> future;
        try {
            future = dispatcher.dispatch(context, request.body());
        } catch (RuntimeException e) {
            future = CompletableFuture.failedFuture(e);
        }
        enqueue(new PendingResponse(request.header(), isAcksZero(request.body()), future));
    }

    private static boolean isAcksZero(ApiRequest body) {
        return body instanceof ProduceRequest produce && produce.acks() == 0;
    }

    private void enqueue(PendingResponse response) {
        pending.addLast(response);
        updateAutoRead();
        response.future().whenComplete((ignoredResponse, ignoredError) -> {
            if (ctx.executor().inEventLoop()) {
                writeCompleted();
            } else {
                ctx.executor().execute(this::writeCompleted);
            }
        });
    }

    private void reject(DecodedFrame.Rejected rejected) {
        long suppressed = REJECTED_LOG.tryAcquire();
        if (suppressed >= 0) {
            log.warn("[Connection {}] Closing connection from {}: rejected request api_key={} api_version={} "
                            + "correlation_id={} client_id={}: {} ({} similar lines suppressed)", connectionId,
                    clientAddress, rejected.apiKey(), rejected.apiVersion(), rejected.correlationId(),
                    rejected.clientId(), rejected.reason(), suppressed);
        }
        stopped = true;
        ctx.close();
    }

    /** Writes the responses at the head of the queue whose futures have completed, in request order. */
    private void writeCompleted() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            boolean wrote = false;
            while (!pending.isEmpty() && pending.peekFirst().future().isDone() && ctx.channel().isActive()) {
                wrote |= write(pending.pollFirst());
            }
            if (wrote) {
                ctx.flush();
            }
            updateAutoRead();
        } finally {
            draining = false;
        }
    }

    /** Writes one response; returns true if something was written. */
    private boolean write(PendingResponse next) {
        if (next.header() == null) {
            writeFrame(encoder.encodeUnsupportedApiVersions(next.correlationId()));
            return true;
        }
        ApiResponse response;
        try {
            response = next.future().join();
        } catch (RuntimeException e) {
            log.error("[Connection {}] Closing connection from {}: {} request correlation_id={} failed",
                    connectionId, clientAddress, next.header().apiKey(), next.header().correlationId(), e);
            ctx.close();
            return false;
        }
        if (next.acksZero()) {
            closeOnAcksZeroError(next, response);
            releaseUnsent(response);
            return false;
        }
        if (response == null) {
            log.error("[Connection {}] Closing connection from {}: no response to {} request correlation_id={}",
                    connectionId, clientAddress, next.header().apiKey(), next.header().correlationId());
            ctx.close();
            return false;
        }
        ResponseFrame frame;
        try {
            frame = encoder.encode(next.header(), response);
        } catch (RuntimeException e) {
            log.error("[Connection {}] Closing connection from {}: encoding the {} response correlation_id={} failed",
                    connectionId, clientAddress, next.header().apiKey(), next.header().correlationId(), e);
            ctx.close();
            return false;
        }
        writeFrame(frame);
        return true;
    }

    /** Releases the record payloads of a response that is not written; null stands for no response. */
    private static void releaseUnsent(ApiResponse response) {
        if (response != null) {
            response.release();
        }
    }

    private void closeOnAcksZeroError(PendingResponse next, ApiResponse response) {
        if (response instanceof ProduceResponse produce && hasPartitionError(produce)) {
            log.debug("[Connection {}] Closing connection from {}: produce with acks=0 correlation_id={} failed",
                    connectionId, clientAddress, next.header().correlationId());
            ctx.close();
        }
    }

    private static boolean hasPartitionError(ProduceResponse response) {
        return response.topics().stream()
                .flatMap(topic -> topic.partitions().stream())
                .anyMatch(partition -> partition.error() != ErrorCode.NONE);
    }

    private void writeFrame(ResponseFrame frame) {
        for (Object part : frame.parts()) {
            ctx.write(part, ctx.voidPromise());
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext context) throws Exception {
        updateAutoRead();
        super.channelWritabilityChanged(context);
    }

    private void updateAutoRead() {
        boolean read = !stopped && pending.size() < MAX_PENDING && ctx.channel().isWritable();
        if (ctx.channel().config().isAutoRead() != read) {
            ctx.channel().config().setAutoRead(read);
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext context, Object event) throws Exception {
        if (event instanceof IdleStateEvent && pending.isEmpty()) {
            log.debug("[Connection {}] Closing idle connection from {} (connections.max.idle.ms)", connectionId,
                    clientAddress);
            context.close();
            return;
        }
        super.userEventTriggered(context, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("[Connection {}] Closing connection from {}: {}", connectionId, clientAddress, cause.toString());
        } else {
            log.warn("[Connection {}] Closing connection from {} after an unexpected error", connectionId,
                    clientAddress, cause);
        }
        context.close();
    }

    /** Stops reading new requests; the pending ones still get their responses. Called during shutdown. */
    void stopReading() {
        ctx.executor().execute(() -> {
            stopped = true;
            updateAutoRead();
        });
    }

    /** Returns true while requests wait for their response. Only meaningful on the event loop. */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Closes the connection. */
    void close() {
        ctx.close();
    }

    /** Runs {@code task} on this connection's event loop. */
    void execute(Runnable task) {
        ctx.executor().execute(task);
    }

    /** Returns the connection's id. */
    String connectionId() {
        return connectionId;
    }
}
