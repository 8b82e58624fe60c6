package io.tributary.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.protocol.ObjectSerializationCache;
import org.apache.kafka.common.requests.AbstractResponse;
import org.apache.kafka.common.requests.RequestHeader;

/** Builds request frames the way kafka-clients does and reads encoded responses back with kafka-clients. */
final class KafkaWire {

    static final String CLIENT_ID = "wire-test";

    private KafkaWire() {
    }

    /** Returns a request frame without its size prefix, as the server's frame decoder passes it on. */
    static ByteBuf requestFrame(ApiKeys key, short version, int correlationId, ApiMessage body) {
        RequestHeader header = new RequestHeader(key, version, CLIENT_ID, correlationId);
        short headerVersion = key.requestHeaderVersion(version);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int size = header.data().size(cache, headerVersion) + body.size(cache, version);
        ByteBuffer buffer = ByteBuffer.allocate(size);
        ByteBufferAccessor accessor = new ByteBufferAccessor(buffer);
        header.data().write(accessor, cache, headerVersion);
        body.write(accessor, cache, version);
        buffer.flip();
        return Unpooled.wrappedBuffer(buffer);
    }

    /** Concatenates every part of {@code frame}, reading file regions through their channels, and releases it. */
    static ByteBuffer bytes(ResponseFrame frame) {
        try {
            ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(frame.sizeInBytes()));
            for (Object part : frame.parts()) {
                if (part instanceof ByteBuf buf) {
                    out.put(buf.nioBuffer());
                } else if (part instanceof FileRegion region) {
                    readRegion(region, out);
                } else {
                    throw new IllegalStateException("unexpected part " + part);
                }
            }
            out.flip();
            return out;
        } finally {
            frame.release();
        }
    }

    /** Appends the bytes of {@code region} to {@code out} through the region's own {@code transferTo}. */
    private static void readRegion(FileRegion region, ByteBuffer out) {
        WritableByteChannel target = new WritableByteChannel() {
            @Override
            public int write(ByteBuffer src) {
                int bytes = src.remaining();
                out.put(src);
                return bytes;
            }

            @Override
            public boolean isOpen() {
                return true;
            }

            @Override
            public void close() {
            }
        };
        try {
            while (region.transferred() < region.count()) {
                if (region.transferTo(target, region.transferred()) <= 0) {
                    throw new IllegalStateException("file region ends after " + region.transferred() + " of "
                            + region.count() + " bytes");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses a whole response frame, size prefix included, with kafka-clients. */
    static AbstractResponse parseResponse(ByteBuffer frame, ApiKeys key, short version, int correlationId) {
        int size = frame.getInt();
        if (size != frame.remaining()) {
            throw new IllegalStateException("size prefix " + size + " but " + frame.remaining() + " bytes follow");
        }
        RequestHeader header = new RequestHeader(key, version, CLIENT_ID, correlationId);
        return AbstractResponse.parseResponse(frame, header);
    }
}
