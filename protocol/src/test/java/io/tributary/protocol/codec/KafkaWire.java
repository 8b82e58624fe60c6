package io.tributary.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.netty.channel.DefaultFileRegion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.lang.reflect.Field;
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

    /** Concatenates every part of {@code frame}, reading file regions from their files, and releases it. */
    static ByteBuffer bytes(ResponseFrame frame) {
        try {
            ByteBuffer out = ByteBuffer.allocate(Math.toIntExact(frame.sizeInBytes()));
            for (Object part : frame.parts()) {
                if (part instanceof ByteBuf buf) {
                    out.put(buf.nioBuffer());
                } else if (part instanceof FileRegion region) {
                    readRegion((DefaultFileRegion) region, out);
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

    private static void readRegion(DefaultFileRegion region, ByteBuffer out) {
        Path file = fileOf(region);
        ByteBuffer slice = ByteBuffer.allocate(Math.toIntExact(region.count()));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long position = region.position();
            while (slice.hasRemaining()) {
                int read = channel.read(slice, position + slice.position());
                if (read < 0) {
                    throw new IllegalStateException("file region beyond the end of " + file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        slice.flip();
        out.put(slice);
    }

    /** Returns the file of a region that has not been opened yet; Netty keeps it in a private field. */
    private static Path fileOf(DefaultFileRegion region) {
        try {
            Field field = DefaultFileRegion.class.getDeclaredField("f");
            field.setAccessible(true);
            return ((java.io.File) field.get(region)).toPath();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read the file of " + region, e);
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
