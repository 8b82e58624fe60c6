package io.tributary.broker.group;

import java.io.Closeable;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The durable store of committed offsets. The coordinator keeps the offsets in memory and writes every
 * commit through this interface before it becomes visible; at start-up it rebuilds the memory state
 * with {@link #replay}.
 *
 * <p>Implementations must be thread-safe.
 */
public interface OffsetLog extends Closeable {

    /** Receives the stored commits during {@link #replay}. */
    @FunctionalInterface
    interface OffsetVisitor {

        /**
         * Accepts one stored commit.
         *
         * @param key      the group, topic and partition
         * @param value    the committed offset, or null if the offset was deleted
         * @param position the commit's position in the log; later writes of one group have larger positions
         */
        void accept(OffsetKey key, CommittedOffset value, long position);
    }

    /**
     * Reads back every stored commit, in write order for each group. Called once, before any append.
     *
     * @throws IOException if the stored data cannot be read
     */
    void replay(OffsetVisitor visitor) throws IOException;

    /**
     * Stores the commits of one group. A null value deletes the offset.
     *
     * @return a future that completes, once the commits are durable, with their position; it completes
     *         exceptionally if they could not be stored
     */
    CompletableFuture<Long> append(String groupId, Map<OffsetKey, CommittedOffset> commits);

    /**
     * Records a snapshot of every committed offset so that the next {@link #replay} reads less, at clean
     * shutdown. The caller guarantees that no append is in flight and that {@code offsets} is the state
     * after every append so far.
     *
     * @throws IOException if the snapshot cannot be written; the log alone still contains every commit
     */
    void checkpoint(Map<OffsetKey, CommittedOffset> offsets) throws IOException;
}
