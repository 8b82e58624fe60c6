package io.tributary.broker.group;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link GroupTimer} whose time moves only when a test calls {@link #advance}. Due tasks run on the
 * calling thread, in deadline order, with the clock set to each task's deadline.
 */
final class ManualGroupTimer implements GroupTimer {

    private final class Task implements Timeout, Comparable<Task> {
        final long deadlineMs;
        final long sequence;
        final Runnable action;
        boolean cancelled;

        Task(long deadlineMs, long sequence, Runnable action) {
            this.deadlineMs = deadlineMs;
            this.sequence = sequence;
            this.action = action;
        }

        @Override
        public void cancel() {
            synchronized (ManualGroupTimer.this) {
                cancelled = true;
                queue.remove(this);
            }
        }

        @Override
        public int compareTo(Task other) {
            int byDeadline = Long.compare(deadlineMs, other.deadlineMs);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }

    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long nowMs = 1_000_000L;
    private long nextSequence;

    @Override
    public synchronized long milliseconds() {
        return nowMs;
    }

    @Override
    public synchronized Timeout schedule(long delayMs, Runnable task) {
        Task scheduled = new Task(nowMs + Math.max(0, delayMs), nextSequence++, task);
        queue.add(scheduled);
        return scheduled;
    }

    /** Moves the clock forward by {@code deltaMs}, running every task that becomes due. */
    void advance(long deltaMs) {
        long targetMs;
        synchronized (this) {
            targetMs = nowMs + deltaMs;
        }
        while (true) {
            Task due;
            synchronized (this) {
                due = queue.peek();
                if (due == null || due.deadlineMs > targetMs) {
                    nowMs = targetMs;
                    return;
                }
                queue.poll();
                nowMs = due.deadlineMs;
            }
            due.action.run();
        }
    }

    /** Returns the number of tasks waiting, cancelled ones excluded. */
    synchronized int pendingTasks() {
        List<Task> live = new ArrayList<>(queue);
        return (int) live.stream().filter(task -> !task.cancelled).count();
    }
}
