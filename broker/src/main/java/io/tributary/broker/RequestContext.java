package io.tributary.broker;

import io.tributary.protocol.RequestHeader;
import java.net.InetSocketAddress;

/**
 * What the broker knows about the request it handles besides its body.
 *
 * @param header        the decoded request header
 * @param connectionId  a stable id of the client connection, unique for the server's lifetime
 * @param clientAddress the client's address
 */
public record RequestContext(RequestHeader header, String connectionId, InetSocketAddress clientAddress) {
}
