package io.tributary.storage;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Mutable counters filled while a data directory loads; thread-safe. */
final class RecoveryCounters {

    final AtomicInteger logsLoaded = new AtomicInteger();
    final AtomicInteger segmentsLoaded = new AtomicInteger();
    final AtomicInteger segmentsRecovered = new AtomicInteger();
    final AtomicLong batchesValidated = new AtomicLong();
    final AtomicLong bytesTruncated = new AtomicLong();
    final AtomicInteger indexesRebuilt = new AtomicInteger();

    RecoveryStats snapshot(boolean cleanShutdown, long durationMs) {
        return new RecoveryStats(cleanShutdown, logsLoaded.get(), segmentsLoaded.get(), segmentsRecovered.get(),
                batchesValidated.get(), bytesTruncated.get(), indexesRebuilt.get(), durationMs);
    }
}
