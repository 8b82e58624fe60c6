package io.tributary.broker.produce;

import io.tributary.broker.metadata.MetadataStore;
import java.io.IOException;

/**
 * Hands out producer ids from blocks reserved durably in the metadata log, so an id is never handed out
 * twice, even across restarts. Ids left in a block when the broker stops are skipped.
 *
 * <p>Thread-safe.
 */
public final class ProducerIdManager {

    /** Producer ids reserved by one metadata record. */
    public static final int BLOCK_SIZE = 1000;

    private final MetadataStore metadata;
    private long next;
    private long blockEnd;

    public ProducerIdManager(MetadataStore metadata) {
        this.metadata = metadata;
    }

    /**
     * Returns a producer id never returned before.
     *
     * @throws IOException if a new block was needed and could not be reserved durably
     */
    public synchronized long nextProducerId() throws IOException {
        if (next >= blockEnd) {
            next = metadata.allocateProducerIds(BLOCK_SIZE);
            blockEnd = next + BLOCK_SIZE;
        }
        return next++;
    }

    /** Returns true if {@code producerId} may have been handed out by this cluster. */
    public boolean wasIssued(long producerId) {
        return producerId >= 0 && producerId < metadata.image().nextProducerId();
    }
}
