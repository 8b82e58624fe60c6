package io.tributary.protocol.codec;

import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.message.ApiResponse;

/** Writes a response at the version of the request it belongs to. */
public interface ResponseEncoder {

    /**
     * Encodes {@code response}, including the 4-byte size prefix and the response header. The returned
     * frame owns Netty buffers and file regions: the caller writes them to the channel (which releases
     * them) or calls {@link ResponseFrame#release()}.
     *
     * <p>The encoder takes over the response's record payloads ({@link ApiResponse#release()}): on return
     * each file slice is released when its file region is deallocated, and if encoding throws, every payload
     * has been released. The caller must not release the response after this call.
     */
    ResponseFrame encode(RequestHeader header, ApiResponse response);

    /** Encodes the v0 ApiVersions response to an ApiVersions request at an unsupported version. */
    ResponseFrame encodeUnsupportedApiVersions(int correlationId);
}
