package io.tributary.broker;

import io.tributary.protocol.RequestHeader;
import java.net.InetSocketAddress;

/**
 * Request details besides the body: the header and the client connection.
 *
 * @param header        the decoded request header
 * @param connectionId  a stable id of the client connection, unique for the server's lifetime
 * @param clientAddress the client's address
 */
public record RequestContext(RequestHeader header, String connectionId, InetSocketAddress clientAddress) {
}
