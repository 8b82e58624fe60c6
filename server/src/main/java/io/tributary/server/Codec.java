package io.tributary.server;

import io.tributary.protocol.codec.RequestDecoder;
import io.tributary.protocol.codec.ResponseEncoder;

/**
 * The wire codec the network layer uses; both parts are shared by all connections and must be thread-safe.
 *
 * @param decoder turns request frames into requests
 * @param encoder turns responses into frames
 */
public record Codec(RequestDecoder decoder, ResponseEncoder encoder) {
}
