package io.tributary.broker;

import io.tributary.protocol.message.ApiRequest;
import io.tributary.protocol.message.ApiResponse;
import java.util.concurrent.CompletableFuture;

/**
 * The broker's entry point for decoded requests.
 *
 * <p>The network layer calls {@link #dispatch} for the requests of one connection one at a time, in
 * arrival order, and calls it for the next request as soon as the previous call has returned. Everything
 * that must take effect in order (appends, commits, group operations) therefore happens before
 * {@code dispatch} returns; only waiting (long-poll fetch, fsync) happens in the returned future. The
 * network layer sends the responses of one connection in request order.
 */
public interface RequestDispatcher {

    /**
     * Handles one request. Never throws for bad input: errors go into the response. The future completes
     * with the response, or with null when no response is sent (produce with acks=0). For produce with
     * acks=0 a response whose partitions carry an error tells the network layer to close the connection.
     */
    CompletableFuture<ApiResponse> dispatch(RequestContext context, ApiRequest request);
}
