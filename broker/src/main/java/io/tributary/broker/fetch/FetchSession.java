package io.tributary.broker.fetch;

import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.FetchResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An incremental fetch session (KIP-227): the partitions a client fetches, their positions, and what the
 * broker last sent for each, so an incremental response can leave out partitions without changes.
 *
 * <p>Thread-safety: guarded by its own monitor; {@link FetchSessionCache} and {@link FetchContext} lock it.
 */
final class FetchSession {

    private final int id;
    private final boolean usesTopicIds;
    private final Map<PartitionKey, CachedPartition> partitions = new LinkedHashMap<>();
    private int nextEpoch = 1;
    private long lastUsedMs;

    /** Creates a session with the partitions of the full fetch that opened it; the next epoch is 1. */
    FetchSession(int id, boolean usesTopicIds, List<PartitionFetch> initial, long nowMs) {
        this.id = id;
        this.usesTopicIds = usesTopicIds;
        this.lastUsedMs = nowMs;
        for (PartitionFetch fetch : initial) {
            partitions.computeIfAbsent(fetch.key(), key -> new CachedPartition()).fetch = fetch;
        }
    }

    int id() {
        return id;
    }

    boolean usesTopicIds() {
        return usesTopicIds;
    }

    synchronized int nextEpoch() {
        return nextEpoch;
    }

    synchronized long lastUsedMs() {
        return lastUsedMs;
    }

    synchronized int size() {
        return partitions.size();
    }

    /** Adds or updates the partitions named in the request and drops the forgotten ones, then bumps the epoch. */
    synchronized void update(List<PartitionFetch> updated, List<PartitionKey> forgotten, long nowMs) {
        for (PartitionFetch fetch : updated) {
            partitions.computeIfAbsent(fetch.key(), key -> new CachedPartition()).fetch = fetch;
        }
        for (PartitionKey key : forgotten) {
            partitions.remove(key);
        }
        nextEpoch = nextEpoch == Integer.MAX_VALUE ? 1 : nextEpoch + 1;
        lastUsedMs = nowMs;
    }

    /** Returns the current fetch of every partition in the session, in insertion order. */
    synchronized List<PartitionFetch> fetches() {
        List<PartitionFetch> fetches = new ArrayList<>(partitions.size());
        for (CachedPartition cached : partitions.values()) {
            fetches.add(cached.fetch);
        }
        return fetches;
    }

    /**
     * Records what is about to be sent for each partition and returns the entries an incremental response
     * must contain: those with records, an error, or a changed high watermark, last stable offset or log
     * start offset. With {@code full} every entry is kept, as a full response must list all.
     *
     * <p>Partitions that return records move to the end of the session's order, so the response byte limit
     * does not starve the partitions read last.
     */
    synchronized Map<PartitionKey, FetchResponse.PartitionData> recordSent(
            Map<PartitionKey, FetchResponse.PartitionData> data, boolean full) {
        Map<PartitionKey, FetchResponse.PartitionData> included = new LinkedHashMap<>();
        List<PartitionKey> rotated = new ArrayList<>();
        for (Map.Entry<PartitionKey, FetchResponse.PartitionData> entry : data.entrySet()) {
            CachedPartition cached = partitions.get(entry.getKey());
            boolean changed = cached == null || cached.update(entry.getValue());
            if (full || changed) {
                included.put(entry.getKey(), entry.getValue());
            }
            if (cached != null && entry.getValue().records().sizeInBytes() > 0) {
                rotated.add(entry.getKey());
            }
        }
        for (PartitionKey key : rotated) {
            partitions.put(key, partitions.remove(key));
        }
        return included;
    }

    /** A partition's position and the values last sent for it. */
    private static final class CachedPartition {
        PartitionFetch fetch;
        long highWatermark = -1;
        long lastStableOffset = -1;
        long logStartOffset = -1;

        /** Stores the sent values and returns true if the client must see this entry. */
        boolean update(FetchResponse.PartitionData sent) {
            boolean changed = sent.error() != ErrorCode.NONE
                    || sent.records().sizeInBytes() > 0
                    || sent.highWatermark() != highWatermark
                    || sent.lastStableOffset() != lastStableOffset
                    || sent.logStartOffset() != logStartOffset;
            highWatermark = sent.highWatermark();
            lastStableOffset = sent.lastStableOffset();
            logStartOffset = sent.logStartOffset();
            return changed;
        }
    }
}
