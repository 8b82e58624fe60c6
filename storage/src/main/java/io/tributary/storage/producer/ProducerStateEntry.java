package io.tributary.storage.producer;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * State of one idempotent producer in one partition: its epoch and its last
 * {@link #MAX_CACHED_BATCHES} batches, oldest first. Not thread-safe.
 */
public final class ProducerStateEntry {

    /** Batches remembered per producer for duplicate detection, as many as a producer may have in flight. */
    public static final int MAX_CACHED_BATCHES = 5;

    private final long producerId;
    private short producerEpoch;
    private final Deque<BatchMetadata> batches = new ArrayDeque<>(MAX_CACHED_BATCHES);

    public ProducerStateEntry(long producerId, short producerEpoch) {
        this.producerId = producerId;
        this.producerEpoch = producerEpoch;
    }

    /** Returns a deep copy, so that a failed append leaves the original untouched. */
    ProducerStateEntry copy() {
        ProducerStateEntry copy = new ProducerStateEntry(producerId, producerEpoch);
        copy.batches.addAll(batches);
        return copy;
    }

    /** Records a written batch. A newer epoch first clears the batches of the older one. */
    void addBatch(short epoch, BatchMetadata batch) {
        if (epoch != producerEpoch) {
            producerEpoch = epoch;
            batches.clear();
        }
        if (batches.size() == MAX_CACHED_BATCHES) {
            batches.removeFirst();
        }
        batches.addLast(batch);
    }

    /** Returns the cached batch with the same first and last sequence, or null. */
    BatchMetadata findDuplicate(int firstSequence, int lastSequence) {
        for (BatchMetadata batch : batches) {
            if (batch.firstSequence() == firstSequence && batch.lastSequence() == lastSequence) {
                return batch;
            }
        }
        return null;
    }

    public long producerId() {
        return producerId;
    }

    public short producerEpoch() {
        return producerEpoch;
    }

    /** Returns the last written sequence, or -1 if no batch is cached. */
    public int lastSequence() {
        return batches.isEmpty() ? -1 : batches.peekLast().lastSequence();
    }

    /** Returns the last written offset, or -1 if no batch is cached. */
    public long lastOffset() {
        return batches.isEmpty() ? -1 : batches.peekLast().lastOffset();
    }

    public List<BatchMetadata> batches() {
        return List.copyOf(batches);
    }
}
