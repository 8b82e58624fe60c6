package io.tributary.server.network;

import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.message.ApiResponse;
import java.util.concurrent.CompletableFuture;

/**
 * A request waiting for its response to be written.
 *
 * @param header        the request's header; null for an ApiVersions request at an unsupported version
 * @param acksZero      true for produce with acks=0, which gets no response
 * @param future        completes with the dispatcher's response
 * @param correlationId the request's correlation id
 */
record PendingResponse(RequestHeader header, boolean acksZero, CompletableFuture<ApiResponse> future,
                       int correlationId) {

    PendingResponse(RequestHeader header, boolean acksZero, CompletableFuture<ApiResponse> future) {
        this(header, acksZero, future, header.correlationId());
    }

    /** Creates the entry for the v0 ApiVersions response to an unsupported version. */
    static PendingResponse unsupportedApiVersions(int correlationId) {
        return new PendingResponse(null, false, CompletableFuture.completedFuture(null), correlationId);
    }
}
