package io.tributary.server;

import io.tributary.broker.RequestDispatcher;

/**
 * A running broker, reduced to what the server uses: the dispatcher for client requests, and a close that
 * stops the broker and then its storage, which writes its clean-shutdown marker.
 */
public interface Broker extends AutoCloseable {

    /** The dispatcher that handles every decoded request; thread-safe. */
    RequestDispatcher dispatcher();

    /** Stops the broker, then closes its storage. Called once, after the network has drained. */
    @Override
    void close() throws Exception;
}
