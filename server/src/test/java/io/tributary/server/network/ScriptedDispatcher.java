package io.tributary.server.network;

import io.tributary.broker.RequestContext;
import io.tributary.broker.RequestDispatcher;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ApiRequest;
import io.tributary.protocol.message.ApiResponse;
import io.tributary.protocol.message.ApiVersionsResponse;
import io.tributary.protocol.message.ProduceResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A dispatcher whose responses the test completes by correlation id, in any order and from any thread. In
 * auto-complete mode it completes each response at once. It records the order of dispatch calls and whether two overlapped.
 */
final class ScriptedDispatcher implements RequestDispatcher {

    private final Map<Integer, CompletableFuture<ApiResponse>> futures = new ConcurrentHashMap<>();
    private final List<Integer> dispatched = new CopyOnWriteArrayList<>();
    private final boolean autoComplete;
    private volatile boolean inDispatch;
    private volatile boolean overlapped;

    ScriptedDispatcher(boolean autoComplete) {
        this.autoComplete = autoComplete;
    }

    @Override
    public CompletableFuture<ApiResponse> dispatch(RequestContext context, ApiRequest request) {
        if (inDispatch) {
            overlapped = true;
        }
        inDispatch = true;
        try {
            int correlationId = context.header().correlationId();
            dispatched.add(correlationId);
            CompletableFuture<ApiResponse> future = futures.computeIfAbsent(correlationId,
                    id -> new CompletableFuture<>());
            if (autoComplete) {
                future.complete(okResponse());
            }
            return future;
        } finally {
            inDispatch = false;
        }
    }

    /** Completes the response to {@code correlationId}, creating its future if the request has not come yet. */
    void complete(int correlationId, ApiResponse response) {
        futures.computeIfAbsent(correlationId, id -> new CompletableFuture<>()).complete(response);
    }

    /** Returns the future of {@code correlationId}, creating it if the request has not come yet. */
    CompletableFuture<ApiResponse> futureOf(int correlationId) {
        return futures.computeIfAbsent(correlationId, id -> new CompletableFuture<>());
    }

    void completeOk(int correlationId) {
        complete(correlationId, okResponse());
    }

    List<Integer> dispatched() {
        return dispatched;
    }

    boolean overlapped() {
        return overlapped;
    }

    static ApiResponse okResponse() {
        return new ApiVersionsResponse(ErrorCode.NONE, List.of(), 0);
    }

    static ProduceResponse produceResponse(ErrorCode error) {
        ProduceResponse.PartitionResponse partition = new ProduceResponse.PartitionResponse(0, error, -1, -1, 0,
                List.of(), null);
        return new ProduceResponse(List.of(new ProduceResponse.TopicResponse("t", null, List.of(partition))), 0);
    }
}
