package io.tributary.storage;

/**
 * Counts of the work done by {@link LogManager} while loading a data directory.
 *
 * @param cleanShutdown      true if the previous run left the clean-shutdown marker
 * @param logsLoaded         partitions loaded
 * @param segmentsLoaded     segments opened
 * @param segmentsRecovered  segments whose batches were validated one by one
 * @param batchesValidated   batches whose length, magic, offsets and CRC were checked
 * @param bytesTruncated     bytes cut from torn or corrupt tails, including deleted later segments
 * @param indexesRebuilt     offset and time index files rebuilt from the log
 * @param durationMs         wall time of the load
 */
public record RecoveryStats(
        boolean cleanShutdown,
        int logsLoaded,
        int segmentsLoaded,
        int segmentsRecovered,
        long batchesValidated,
        long bytesTruncated,
        int indexesRebuilt,
        long durationMs) {
}
