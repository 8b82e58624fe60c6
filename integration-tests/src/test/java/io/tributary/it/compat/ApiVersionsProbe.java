package io.tributary.it.compat;

import io.tributary.it.support.RawRequest;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.apache.kafka.common.message.ApiVersionsRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.ApiVersionsRequest;
import org.apache.kafka.common.requests.ApiVersionsResponse;
import org.apache.kafka.common.requests.RequestHeader;
import org.apache.kafka.common.requests.ResponseHeader;

/**
 * Sends one ApiVersions request on a new connection to a broker on 127.0.0.1 and parses the response with
 * kafka-clients' own classes, so that Tributary and the Kafka reference broker are read the same way.
 */
final class ApiVersionsProbe {

    private static final String CLIENT_ID = "api-versions-probe";
    /** Offset of the int16 request_api_version in a request header, after the int16 request_api_key. */
    private static final int API_VERSION_OFFSET = 2;

    private ApiVersionsProbe() {
    }

    /** A parsed response together with the correlation id the broker echoed. */
    record ProbeResponse(int correlationId, ApiVersionsResponse response) {
    }

    /** Sends ApiVersions at {@code version}, which kafka-clients 4.4.0 must be able to build. */
    static ProbeResponse send(int port, short version, int correlationId) throws IOException {
        ByteBuffer frame = build(version, correlationId);
        return exchange(port, frame, version);
    }

    /**
     * Sends a v3 ApiVersions request whose header carries {@code version} instead, which no broker supports.
     * By KIP-511 the broker sends a v0 response, so the response is parsed at version 0.
     */
    static ProbeResponse sendUnknownVersion(int port, short version, int correlationId) throws IOException {
        ByteBuffer frame = build((short) 3, correlationId);
        frame.putShort(frame.position() + API_VERSION_OFFSET, version);
        return exchange(port, frame, (short) 0);
    }

    private static ByteBuffer build(short version, int correlationId) {
        ApiVersionsRequestData data = new ApiVersionsRequestData()
                .setClientSoftwareName("tributary-integration-tests")
                .setClientSoftwareVersion("1.0");
        ApiVersionsRequest request = new ApiVersionsRequest(data, version);
        RequestHeader header = new RequestHeader(ApiKeys.API_VERSIONS, version, CLIENT_ID, correlationId);
        return request.serializeWithHeader(header);
    }

    private static ProbeResponse exchange(int port, ByteBuffer frame, short responseVersion) throws IOException {
        ByteBuffer buffer = RawRequest.exchange(port, frame);
        // ApiVersions responses always use header version 0, so that a client can read the error
        // before it has learned which versions the broker supports.
        ResponseHeader header = ResponseHeader.parse(buffer, (short) 0);
        ApiVersionsResponse response = ApiVersionsResponse.parse(new ByteBufferAccessor(buffer), responseVersion);
        return new ProbeResponse(header.correlationId(), response);
    }
}
