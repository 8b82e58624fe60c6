package io.tributary.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiVersionTable;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.message.ApiRequest;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.apache.kafka.common.message.RequestHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;

/**
 * Decodes Kafka request frames with kafka-clients' generated message classes.
 *
 * <p>Request header layout (big-endian), after the 4-byte size prefix that the caller has removed:
 * <pre>
 * +---------+-------------+----------------+----------------------+------------------------+
 * | api key | api version | correlation id | client id            | tagged fields          |
 * | int16   | int16       | int32          | int16 length + UTF-8 | header v2 only         |
 * +---------+-------------+----------------+----------------------+------------------------+
 * </pre>
 * Header v2 is used by flexible versions of an API, v1 by the others
 * ({@code ApiKeys.requestHeaderVersion}).
 *
 * <p>{@link #decode} never throws for bad input: an unknown API key, a version outside
 * {@link ApiVersionTable#accepted}, or a header or body that does not parse becomes
 * {@link DecodedFrame.Rejected}; ApiVersions at an unsupported version becomes
 * {@link DecodedFrame.UnsupportedApiVersions} (KIP-511). Produce records in the result are
 * views of {@code frame}, valid until the caller releases it; writing to them writes to the frame.
 * Stateless and thread-safe.
 */
public final class KafkaRequestDecoder implements RequestDecoder {

    /** The fixed part of every request header: api key, api version and correlation id. */
    private static final int FIXED_HEADER_BYTES = 8;

    @Override
    public DecodedFrame decode(ByteBuf frame) {
        int start = frame.readerIndex();
        if (frame.readableBytes() < FIXED_HEADER_BYTES) {
            short apiKey = frame.readableBytes() >= 2 ? frame.getShort(start) : -1;
            short apiVersion = frame.readableBytes() >= 4 ? frame.getShort(start + 2) : -1;
            return new DecodedFrame.Rejected(apiKey, apiVersion, -1, null,
                    "request of " + frame.readableBytes() + " bytes is shorter than the 8-byte request header");
        }
        short apiKeyId = frame.getShort(start);
        short apiVersion = frame.getShort(start + 2);
        int correlationId = frame.getInt(start + 4);
        ByteBuffer buffer = frame.nioBuffer();

        Optional<ApiKey> apiKey = ApiKey.forId(apiKeyId);
        if (apiKey.isEmpty()) {
            String clientId = clientIdOrNull(buffer.duplicate());
            return rejected(apiKeyId, apiVersion, correlationId, clientId, "unknown or unsupported API key");
        }
        ApiKey key = apiKey.get();
        if (!ApiVersionTable.isAccepted(key, apiVersion)) {
            String clientId = clientIdOrNull(buffer.duplicate());
            if (key == ApiKey.API_VERSIONS) {
                return new DecodedFrame.UnsupportedApiVersions(correlationId, apiVersion, clientId);
            }
            ApiVersionTable.VersionRange range = ApiVersionTable.accepted(key);
            return rejected(apiKeyId, apiVersion, correlationId, clientId,
                    "unsupported version of " + key + " (accepted " + range.min() + " to " + range.max() + ")");
        }
        return decodeAccepted(key, apiVersion, correlationId, buffer);
    }

    private static DecodedFrame decodeAccepted(ApiKey key, short version, int correlationId, ByteBuffer buffer) {
        String clientId = null;
        try {
            ByteBufferAccessor accessor = new ByteBufferAccessor(buffer);
            short headerVersion = ApiKeys.forId(key.id()).requestHeaderVersion(version);
            RequestHeaderData header = new RequestHeaderData(accessor, headerVersion);
            clientId = header.clientId();
            ApiRequest body = RequestMapper.read(key, version, accessor);
            return new DecodedFrame.Request(new RequestHeader(key, version, correlationId, clientId), body);
        } catch (RuntimeException e) {
            return rejected(key.id(), version, correlationId, clientId,
                    "malformed " + key + " request: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    /** Reads the client id with header v1, which every request header version starts with. */
    private static String clientIdOrNull(ByteBuffer buffer) {
        try {
            return new RequestHeaderData(new ByteBufferAccessor(buffer), (short) 1).clientId();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static DecodedFrame.Rejected rejected(short apiKey, short apiVersion, int correlationId,
                                                  String clientId, String detail) {
        String reason = detail + ": api key " + apiKey + ", version " + apiVersion + ", correlation id "
                + correlationId + ", client id " + (clientId == null ? "(none)" : "'" + clientId + "'");
        return new DecodedFrame.Rejected(apiKey, apiVersion, correlationId, clientId, reason);
    }
}
