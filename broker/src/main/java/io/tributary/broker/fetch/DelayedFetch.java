package io.tributary.broker.fetch;

import io.tributary.storage.HighWatermarkListener;
import io.tributary.storage.Log;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * A fetch waiting for {@code minBytes} of data, for at most {@code maxWaitMs}. The high watermark listeners
 * of its partition logs wake it; each wake-up runs {@code satisfied} on the executor (never on the
 * appending thread), and the fetch completes when that returns true, when the timeout fires, or when
 * {@link #forceComplete()} is called (for example after a topic deletion). It completes exactly once.
 *
 * <p>Thread-safe.
 */
final class DelayedFetch implements HighWatermarkListener {

    private final List<Log> logs;
    private final BooleanSupplier satisfied;
    private final Executor executor;
    private final CompletableFuture<Void> completion = new CompletableFuture<>();
    private final AtomicBoolean checkPending = new AtomicBoolean();
    private volatile ScheduledFuture<?> timeout;

    DelayedFetch(List<Log> logs, BooleanSupplier satisfied, Executor executor) {
        this.logs = List.copyOf(logs);
        this.satisfied = satisfied;
        this.executor = executor;
    }

    /** Completes when the fetch may be answered; the listeners are removed by then. */
    CompletableFuture<Void> completion() {
        return completion;
    }

    List<Log> logs() {
        return logs;
    }

    /** Registers the listeners, then checks once so an append between the first read and now is not missed. */
    void start(ScheduledFuture<?> timeout) {
        this.timeout = timeout;
        for (Log log : logs) {
            log.addHighWatermarkListener(this);
        }
        scheduleCheck();
    }

    @Override
    public void onHighWatermark(Log log, long highWatermark) {
        scheduleCheck();
    }

    /** Completes the fetch now, whatever data it has. */
    void forceComplete() {
        if (completion.isDone()) {
            return;
        }
        for (Log log : logs) {
            log.removeHighWatermarkListener(this);
        }
        ScheduledFuture<?> scheduled = timeout;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
        completion.complete(null);
    }

    private void scheduleCheck() {
        if (completion.isDone() || !checkPending.compareAndSet(false, true)) {
            return;
        }
        executor.execute(() -> {
            checkPending.set(false);
            if (!completion.isDone() && satisfied.getAsBoolean()) {
                forceComplete();
            }
        });
    }
}
