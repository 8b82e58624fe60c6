package io.tributary.broker.group;

/**
 * The clock and the timers of the group coordinator: session timeouts, rebalance timeouts and the
 * initial rebalance delay. Injected so that tests can move time forward without sleeping.
 *
 * <p>Implementations must be thread-safe and must run a task at most once, never inside
 * {@link #schedule}, because the coordinator schedules while it holds a group lock and expects the
 * task to see the state after that lock is released.
 */
public interface GroupTimer {

    /** Returns the current time in milliseconds since the epoch. */
    long milliseconds();

    /** Runs {@code task} once after {@code delayMs} milliseconds unless it is cancelled first. */
    Timeout schedule(long delayMs, Runnable task);

    /** A scheduled task. */
    interface Timeout {

        /** Cancels the task; does nothing if it already ran or was cancelled. */
        void cancel();
    }
}
