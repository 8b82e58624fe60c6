package io.tributary.storage;

import java.util.Map;

/**
 * Per-topic storage settings. Immutable; the constructor rejects invalid values and names the
 * offending key.
 *
 * <p>Keys use the topic-level spelling of Apache Kafka 4.4; the broker-level default of each comes
 * from the key in brackets:
 * <ul>
 *   <li>{@code segment.bytes} ({@code log.segment.bytes}): maximum segment size, default 1 GiB, at least 1024</li>
 *   <li>{@code segment.ms} ({@code log.roll.ms}): maximum age of a segment before it rolls, default 7 days</li>
 *   <li>{@code index.interval.bytes}: bytes of batches between two offset index entries, default 4096</li>
 *   <li>{@code segment.index.bytes}: maximum size of an offset or time index file, default 10 MiB</li>
 *   <li>{@code flush.messages}: messages between two forces; 1 (default) forces before the high
 *       watermark moves over a batch</li>
 *   <li>{@code flush.ms}: maximum time between two forces, default {@link Long#MAX_VALUE} (no timer)</li>
 *   <li>{@code message.timestamp.type}: {@code CreateTime} (default) or {@code LogAppendTime}</li>
 * </ul>
 *
 * @param segmentBytes       maximum bytes of a segment's log file
 * @param segmentMs          maximum milliseconds between a segment's first batch and the newest batch
 * @param indexIntervalBytes bytes appended between two offset index entries
 * @param maxIndexBytes      maximum bytes of one index file; a full index rolls the segment
 * @param flushMessages      messages appended between two forces
 * @param flushMs            milliseconds between two forces
 * @param timestampType      source of the stored batch timestamps
 */
public record LogConfig(
        int segmentBytes,
        long segmentMs,
        int indexIntervalBytes,
        int maxIndexBytes,
        long flushMessages,
        long flushMs,
        TimestampType timestampType) {

    public static final String SEGMENT_BYTES_CONFIG = "segment.bytes";
    public static final String SEGMENT_MS_CONFIG = "segment.ms";
    public static final String INDEX_INTERVAL_BYTES_CONFIG = "index.interval.bytes";
    public static final String SEGMENT_INDEX_BYTES_CONFIG = "segment.index.bytes";
    public static final String FLUSH_MESSAGES_CONFIG = "flush.messages";
    public static final String FLUSH_MS_CONFIG = "flush.ms";
    public static final String MESSAGE_TIMESTAMP_TYPE_CONFIG = "message.timestamp.type";

    public static final int DEFAULT_SEGMENT_BYTES = 1024 * 1024 * 1024;
    public static final long DEFAULT_SEGMENT_MS = 7L * 24 * 60 * 60 * 1000;
    public static final int DEFAULT_INDEX_INTERVAL_BYTES = 4096;
    public static final int DEFAULT_MAX_INDEX_BYTES = 10 * 1024 * 1024;
    public static final long DEFAULT_FLUSH_MESSAGES = 1;
    public static final long DEFAULT_FLUSH_MS = Long.MAX_VALUE;

    /**
     * Minimum {@code segment.bytes}, large enough for any batch header. The broker's topic settings raise it to
     * 1 MiB, as Kafka does; only storage's own callers and tests use smaller segments.
     */
    public static final int MIN_SEGMENT_BYTES = 1024;

    /** Minimum {@code segment.index.bytes}: room for at least one offset and one time index entry. */
    public static final int MIN_INDEX_BYTES = 12;

    public LogConfig {
        requireAtLeast(SEGMENT_BYTES_CONFIG, segmentBytes, MIN_SEGMENT_BYTES);
        requireAtLeast(SEGMENT_MS_CONFIG, segmentMs, 1);
        requireAtLeast(INDEX_INTERVAL_BYTES_CONFIG, indexIntervalBytes, 0);
        requireAtLeast(SEGMENT_INDEX_BYTES_CONFIG, maxIndexBytes, MIN_INDEX_BYTES);
        requireAtLeast(FLUSH_MESSAGES_CONFIG, flushMessages, 1);
        requireAtLeast(FLUSH_MS_CONFIG, flushMs, 0);
        if (timestampType == null) {
            throw new IllegalArgumentException("Missing value for " + MESSAGE_TIMESTAMP_TYPE_CONFIG);
        }
    }

    /** Returns the configuration with every default. */
    public static LogConfig defaults() {
        return new LogConfig(DEFAULT_SEGMENT_BYTES, DEFAULT_SEGMENT_MS, DEFAULT_INDEX_INTERVAL_BYTES,
                DEFAULT_MAX_INDEX_BYTES, DEFAULT_FLUSH_MESSAGES, DEFAULT_FLUSH_MS, TimestampType.CREATE_TIME);
    }

    /**
     * Builds a configuration from topic-level keys, taking every missing key from {@code defaults}.
     * Unknown keys are ignored because topics also carry settings that storage does not use.
     *
     * @throws IllegalArgumentException naming the key and value that is not a number or out of range
     */
    public static LogConfig fromMap(Map<String, String> values, LogConfig defaults) {
        return new LogConfig(
                (int) parse(values, SEGMENT_BYTES_CONFIG, defaults.segmentBytes, Integer.MAX_VALUE),
                parse(values, SEGMENT_MS_CONFIG, defaults.segmentMs, Long.MAX_VALUE),
                (int) parse(values, INDEX_INTERVAL_BYTES_CONFIG, defaults.indexIntervalBytes, Integer.MAX_VALUE),
                (int) parse(values, SEGMENT_INDEX_BYTES_CONFIG, defaults.maxIndexBytes, Integer.MAX_VALUE),
                parse(values, FLUSH_MESSAGES_CONFIG, defaults.flushMessages, Long.MAX_VALUE),
                parse(values, FLUSH_MS_CONFIG, defaults.flushMs, Long.MAX_VALUE),
                values.containsKey(MESSAGE_TIMESTAMP_TYPE_CONFIG)
                        ? TimestampType.fromConfigValue(values.get(MESSAGE_TIMESTAMP_TYPE_CONFIG))
                        : defaults.timestampType);
    }

    /**
     * Returns true if every batch must be forced before the high watermark moves over it, which is
     * the case with {@code flush.messages=1} and no {@code flush.ms} timer.
     */
    public boolean syncEveryAppend() {
        return flushMessages == 1 && flushMs == Long.MAX_VALUE;
    }

    public LogConfig withSegmentBytes(int value) {
        return new LogConfig(value, segmentMs, indexIntervalBytes, maxIndexBytes, flushMessages, flushMs, timestampType);
    }

    public LogConfig withSegmentMs(long value) {
        return new LogConfig(segmentBytes, value, indexIntervalBytes, maxIndexBytes, flushMessages, flushMs, timestampType);
    }

    public LogConfig withIndexIntervalBytes(int value) {
        return new LogConfig(segmentBytes, segmentMs, value, maxIndexBytes, flushMessages, flushMs, timestampType);
    }

    public LogConfig withMaxIndexBytes(int value) {
        return new LogConfig(segmentBytes, segmentMs, indexIntervalBytes, value, flushMessages, flushMs, timestampType);
    }

    public LogConfig withFlushMessages(long value) {
        return new LogConfig(segmentBytes, segmentMs, indexIntervalBytes, maxIndexBytes, value, flushMs, timestampType);
    }

    public LogConfig withFlushMs(long value) {
        return new LogConfig(segmentBytes, segmentMs, indexIntervalBytes, maxIndexBytes, flushMessages, value, timestampType);
    }

    public LogConfig withTimestampType(TimestampType value) {
        return new LogConfig(segmentBytes, segmentMs, indexIntervalBytes, maxIndexBytes, flushMessages, flushMs, value);
    }

    private static long parse(Map<String, String> values, String key, long defaultValue, long max) {
        String text = values.get(key);
        if (text == null) {
            return defaultValue;
        }
        long value;
        try {
            value = Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value " + text + " for " + key + ": expected an integer", e);
        }
        if (value > max) {
            throw new IllegalArgumentException("Invalid value " + text + " for " + key + ": maximum is " + max);
        }
        return value;
    }

    private static void requireAtLeast(String key, long value, long min) {
        if (value < min) {
            throw new IllegalArgumentException("Invalid value " + value + " for " + key + ": minimum is " + min);
        }
    }
}
