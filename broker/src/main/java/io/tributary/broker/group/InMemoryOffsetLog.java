package io.tributary.broker.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * An {@link OffsetLog} that keeps commits in memory: committed offsets do not survive a restart of the
 * process. Meant for tests and for brokers run without a data directory. Tests may hand one instance to
 * a second coordinator to simulate a restart that keeps the log.
 *
 * <p>Thread-safe.
 */
public final class InMemoryOffsetLog implements OffsetLog {

    private record Entry(OffsetKey key, CommittedOffset value, long position) {
    }

    private final List<Entry> entries = new ArrayList<>();
    private long nextPosition;

    @Override
    public synchronized void replay(OffsetVisitor visitor) {
        for (Entry entry : entries) {
            visitor.accept(entry.key(), entry.value(), entry.position());
        }
    }

    @Override
    public synchronized CompletableFuture<Long> append(String groupId, Map<OffsetKey, CommittedOffset> commits) {
        long position = nextPosition++;
        commits.forEach((key, value) -> entries.add(new Entry(key, value, position)));
        return CompletableFuture.completedFuture(position);
    }

    @Override
    public void checkpoint(Map<OffsetKey, CommittedOffset> offsets) {
        // Nothing to shorten: replay reads memory.
    }

    @Override
    public void close() {
    }
}
