package io.tributary.server.network;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.codec.DecodedFrame;
import io.tributary.protocol.codec.RequestDecoder;
import io.tributary.protocol.codec.ResponseEncoder;
import io.tributary.protocol.codec.ResponseFrame;
import io.tributary.protocol.message.ApiResponse;
import io.tributary.protocol.message.ApiVersionsRequest;
import io.tributary.protocol.message.ProduceRequest;
import java.util.List;
import java.util.Optional;

/**
 * A stand-in for the Kafka codec with a tiny wire format, so network tests control every case.
 *
 * <pre>
 * request frame:  api_key int16 | api_version int16 | correlation_id int32 | acks int16 (produce only)
 * response frame: size int32 (= 8) | correlation_id int32 | kind int32 (1 = response, 2 = unsupported version)
 * </pre>
 *
 * api_key 18 at version 99 decodes to UnsupportedApiVersions; an unknown api_key decodes to Rejected.
 */
final class FakeCodec implements RequestDecoder, ResponseEncoder {

    static final short UNSUPPORTED_VERSION = 99;
    static final int KIND_RESPONSE = 1;
    static final int KIND_UNSUPPORTED = 2;

    @Override
    public DecodedFrame decode(ByteBuf frame) {
        short apiKey = frame.readShort();
        short version = frame.readShort();
        int correlationId = frame.readInt();
        Optional<ApiKey> key = ApiKey.forId(apiKey);
        if (key.isEmpty()) {
            return new DecodedFrame.Rejected(apiKey, version, correlationId, "test-client", "unknown api key");
        }
        if (key.get() == ApiKey.API_VERSIONS && version == UNSUPPORTED_VERSION) {
            return new DecodedFrame.UnsupportedApiVersions(correlationId, version, "test-client");
        }
        RequestHeader header = new RequestHeader(key.get(), version, correlationId, "test-client");
        if (key.get() == ApiKey.PRODUCE) {
            return new DecodedFrame.Request(header, new ProduceRequest(null, frame.readShort(), 1000, List.of()));
        }
        return new DecodedFrame.Request(header, new ApiVersionsRequest("test", "1"));
    }

    @Override
    public ResponseFrame encode(RequestHeader header, ApiResponse response) {
        return frame(header.correlationId(), KIND_RESPONSE);
    }

    @Override
    public ResponseFrame encodeUnsupportedApiVersions(int correlationId) {
        return frame(correlationId, KIND_UNSUPPORTED);
    }

    private static ResponseFrame frame(int correlationId, int kind) {
        ByteBuf buffer = Unpooled.buffer(12).writeInt(8).writeInt(correlationId).writeInt(kind);
        return new ResponseFrame(List.of(buffer), 12);
    }

    /** Writes a request in the fake format, size prefix included. */
    static ByteBuf request(ApiKey apiKey, int correlationId) {
        return Unpooled.buffer().writeInt(8).writeShort(apiKey.id()).writeShort(0).writeInt(correlationId);
    }

    /** Writes a produce request with the given acks, size prefix included. */
    static ByteBuf produce(int correlationId, short acks) {
        return Unpooled.buffer().writeInt(10).writeShort(ApiKey.PRODUCE.id()).writeShort(0).writeInt(correlationId)
                .writeShort(acks);
    }

    /** Writes a request with any api key and version, size prefix included. */
    static ByteBuf raw(short apiKey, short version, int correlationId) {
        return Unpooled.buffer().writeInt(8).writeShort(apiKey).writeShort(version).writeInt(correlationId);
    }
}
