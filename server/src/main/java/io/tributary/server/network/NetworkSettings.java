package io.tributary.server.network;

import io.tributary.server.config.ServerConfig;
import java.time.Duration;

/**
 * The settings the network layer uses.
 *
 * @param networkThreads     event-loop threads for connections (num.network.threads)
 * @param maxRequestBytes    largest accepted request frame in bytes (socket.request.max.bytes)
 * @param maxIdle            idle time after which a connection is closed (connections.max.idle.ms)
 * @param sendBufferBytes    SO_SNDBUF in bytes, or -1 for the OS default (socket.send.buffer.bytes)
 * @param receiveBufferBytes SO_RCVBUF in bytes, or -1 for the OS default (socket.receive.buffer.bytes)
 */
public record NetworkSettings(int networkThreads, int maxRequestBytes, Duration maxIdle, int sendBufferBytes,
                              int receiveBufferBytes) {

    /** Takes the network settings from {@code config}. */
    public static NetworkSettings from(ServerConfig config) {
        return new NetworkSettings(config.numNetworkThreads(), config.socketRequestMaxBytes(),
                config.connectionsMaxIdle(), config.socketSendBufferBytes(), config.socketReceiveBufferBytes());
    }
}
