package io.tributary.protocol.codec;

import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.message.ApiRequest;

/** The outcome of decoding one request frame. Decoding never throws for bad input from the network. */
public sealed interface DecodedFrame {

    /** A request of an implemented API at an accepted version. */
    record Request(RequestHeader header, ApiRequest body) implements DecodedFrame {
    }

    /**
     * ApiVersions at a version this broker does not accept: the caller responds at v0 with
     * UNSUPPORTED_VERSION and ApiVersions' own range (KIP-511), then keeps the connection open.
     */
    record UnsupportedApiVersions(int correlationId, short requestedVersion, String clientId) implements DecodedFrame {
    }

    /**
     * A frame that gets no response: an unknown API key, a known API at a version outside its range,
     * or a body that does not parse. The caller logs {@code reason} (rate-limited) and closes the connection.
     */
    record Rejected(short apiKey, short apiVersion, int correlationId, String clientId, String reason)
            implements DecodedFrame {
    }
}
