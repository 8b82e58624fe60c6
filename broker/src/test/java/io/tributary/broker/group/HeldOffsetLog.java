package io.tributary.broker.group;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link OffsetLog} whose writes stay in flight until the test releases or fails them, so that
 * tests can observe a commit that is not durable yet.
 */
final class HeldOffsetLog implements OffsetLog {

    private final Deque<CompletableFuture<Long>> held = new ArrayDeque<>();
    private long nextPosition;

    @Override
    public void replay(OffsetVisitor visitor) {
    }

    @Override
    public synchronized CompletableFuture<Long> append(String groupId, Map<OffsetKey, CommittedOffset> commits) {
        CompletableFuture<Long> future = new CompletableFuture<>();
        held.add(future);
        return future;
    }

    /** Makes the oldest held write durable. */
    void releaseOldest() {
        CompletableFuture<Long> future;
        long position;
        synchronized (this) {
            future = held.poll();
            position = nextPosition++;
        }
        future.complete(position);
    }

    /** Fails the oldest held write. */
    void failOldest() {
        CompletableFuture<Long> future;
        synchronized (this) {
            future = held.poll();
        }
        future.completeExceptionally(new java.io.IOException("disk full"));
    }

    @Override
    public void checkpoint(Map<OffsetKey, CommittedOffset> offsets) {
    }

    @Override
    public void close() {
    }
}
