package io.tributary.server;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.epoll.Epoll;
import io.tributary.protocol.codec.MessageClasses;
import org.slf4j.LoggerFactory;

/**
 * Loads, on a background thread, the classes a starting broker needs later: logging, Netty's buffer
 * allocator and native transport, and Kafka's message classes for the first request. The main thread meanwhile
 * parses the command line, reads the configuration and opens the logs, so on a machine with a second core the
 * two halves of the start-up overlap. Class loading is thread-safe: whichever thread touches a class first
 * loads it and the other waits for it, so the warm-up does not change what the broker does.
 */
public final class StartupWarmup {

    private StartupWarmup() {
    }

    /** Starts the warm-up on a daemon thread and returns at once. */
    public static void start() {
        Thread thread = new Thread(StartupWarmup::run, "tributary-warmup");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        LoggerFactory.getLogger(StartupWarmup.class);
        ByteBufAllocator.DEFAULT.directBuffer(64).release();
        Epoll.isAvailable();
        MessageClasses.load();
    }
}
