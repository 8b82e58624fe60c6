package io.tributary.storage;

/**
 * Callback fired after a partition's high watermark moved forward. It runs on the thread that moved
 * it (an appending thread or a flusher thread), so it must return quickly and must not block. A listener that throws is logged and skipped.
 */
@FunctionalInterface
public interface HighWatermarkListener {

    void onHighWatermark(Log log, long highWatermark);
}
