package io.tributary.server.network;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The open client connections, so that shutdown can drain and close them. Thread-safe. */
public final class ConnectionRegistry {

    private final Set<RequestHandler> connections = ConcurrentHashMap.newKeySet();

    void add(RequestHandler handler) {
        connections.add(handler);
    }

    void remove(RequestHandler handler) {
        connections.remove(handler);
    }

    /** Returns the number of open connections. */
    public int size() {
        return connections.size();
    }

    /** Makes every connection stop reading new requests. */
    void stopReading() {
        connections.forEach(RequestHandler::stopReading);
    }

    /**
     * Waits until no connection has a request waiting for its response, or until {@code timeout} passes.
     *
     * @return true if every in-flight request finished in time
     */
    boolean awaitNoPending(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (countWithPending() == 0) {
                return true;
            }
            Thread.sleep(10);
        }
        return countWithPending() == 0;
    }

    /** Closes every connection. */
    void closeAll() {
        connections.forEach(RequestHandler::close);
    }

    private int countWithPending() throws InterruptedException {
        List<CompletableFuture<Boolean>> checks = connections.stream().map(handler -> {
            CompletableFuture<Boolean> check = new CompletableFuture<>();
            handler.execute(() -> check.complete(handler.hasPending()));
            return check;
        }).toList();
        int count = 0;
        for (CompletableFuture<Boolean> check : checks) {
            try {
                count += check.get(1, TimeUnit.SECONDS) ? 1 : 0;
            } catch (ExecutionException | TimeoutException e) {
                count++;
            }
        }
        return count;
    }
}
