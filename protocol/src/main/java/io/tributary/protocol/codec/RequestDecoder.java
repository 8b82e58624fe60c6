package io.tributary.protocol.codec;

import io.netty.buffer.ByteBuf;

/** Turns one request frame into Tributary's request types. */
public interface RequestDecoder {

    /**
     * Decodes a frame, without its 4-byte size prefix. The caller keeps ownership of {@code frame} and
     * releases it after the request has been handled, so buffers inside the decoded request may be views of it.
     */
    DecodedFrame decode(ByteBuf frame);
}
