package io.tributary.protocol.message;

/**
 * The body of a response, in Tributary's own types; the protocol module writes it at the request's version.
 *
 * <p>Ownership: a response may keep resources open, the {@link RecordsPayload.FileSlice}s of a fetch. The handler
 * that completes a request with a response hands them to the network layer. The network layer passes the
 * response to {@code ResponseEncoder.encode}, which then owns them, or calls {@link #release()} when it drops
 * the response unsent.
 */
public interface ApiResponse {

    /** Releases the record payloads the response carries. Calls after the first have no effect. */
    default void release() {
    }
}
