package io.tributary.protocol.codec;

import io.netty.util.ReferenceCountUtil;
import java.util.List;

/**
 * An encoded response as an ordered list of parts, each a Netty {@code ByteBuf} or {@code FileRegion}.
 * Stored record data is a file region so it is sent without copying.
 *
 * @param parts       the parts to write in order; the frame owns one reference to each
 * @param sizeInBytes the total size, size prefix included
 */
public record ResponseFrame(List<Object> parts, long sizeInBytes) {

    /** Releases every part that has not been handed to a channel. */
    public void release() {
        for (Object part : parts) {
            ReferenceCountUtil.safeRelease(part);
        }
    }
}
