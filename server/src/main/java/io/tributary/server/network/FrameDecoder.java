package io.tributary.server.network;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Splits the inbound byte stream into request frames. A Kafka request on the wire is:
 *
 * <pre>
 * +----------------+----------------------------------+
 * | size: int32 BE | size bytes: request header, body |
 * +----------------+----------------------------------+
 * </pre>
 *
 * Each emitted frame is a retained slice without the size prefix; the next handler owns it and releases it.
 * A negative size, or one above {@code maxFrameBytes} (socket.request.max.bytes), closes the connection after
 * one log line; nothing of the announced size is allocated, and the decoder discards all later input.
 *
 * <p>Not sharable: one instance per connection, used only on its event loop.
 */
public final class FrameDecoder extends ByteToMessageDecoder {

    private static final Logger log = LoggerFactory.getLogger(FrameDecoder.class);
    private static final int SIZE_PREFIX_BYTES = 4;

    private final int maxFrameBytes;
    private boolean discarding;

    /** Creates a decoder for frames of at most {@code maxFrameBytes} bytes, size prefix excluded. */
    public FrameDecoder(int maxFrameBytes) {
        this.maxFrameBytes = maxFrameBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (discarding) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (in.readableBytes() < SIZE_PREFIX_BYTES) {
            return;
        }
        int size = in.getInt(in.readerIndex());
        if (size < 0 || size > maxFrameBytes) {
            failOnFrameSize(ctx, in, size);
            return;
        }
        if (in.readableBytes() < SIZE_PREFIX_BYTES + size) {
            return;
        }
        in.skipBytes(SIZE_PREFIX_BYTES);
        out.add(in.readRetainedSlice(size));
    }

    private void failOnFrameSize(ChannelHandlerContext ctx, ByteBuf in, int size) {
        discarding = true;
        in.skipBytes(in.readableBytes());
        log.warn("[Network {}] Closing connection: request size {} is outside [0, {}] (socket.request.max.bytes)",
                ctx.channel().remoteAddress(), size,
                maxFrameBytes);
        ctx.close();
    }
}
