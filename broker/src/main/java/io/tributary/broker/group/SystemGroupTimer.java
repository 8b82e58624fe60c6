package io.tributary.broker.group;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link GroupTimer} on the system clock that runs tasks on one daemon thread.
 *
 * <p>Thread-safe. {@link #close} drops the tasks that have not run yet.
 */
public final class SystemGroupTimer implements GroupTimer, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SystemGroupTimer.class);

    private final ScheduledThreadPoolExecutor executor;

    public SystemGroupTimer() {
        executor = new ScheduledThreadPoolExecutor(1, runnable -> {
            Thread thread = new Thread(runnable, "group-coordinator-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    @Override
    public long milliseconds() {
        return System.currentTimeMillis();
    }

    @Override
    public Timeout schedule(long delayMs, Runnable task) {
        ScheduledFuture<?> future = executor.schedule(() -> runLogged(task), Math.max(0, delayMs),
                TimeUnit.MILLISECONDS);
        return () -> future.cancel(false);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    private static void runLogged(Runnable task) {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("[GroupTimer] Timer task failed", e);
        }
    }
}
