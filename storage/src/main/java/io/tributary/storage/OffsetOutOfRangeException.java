package io.tributary.storage;

/**
 * Thrown by {@link Log#read} when the fetch offset is below the log start offset or above the log
 * end offset, and by {@link Log#maybeIncrementLogStartOffset} when the new log start offset is
 * negative or above the high watermark. Maps to the Kafka error {@code OFFSET_OUT_OF_RANGE}.
 */
public class OffsetOutOfRangeException extends RuntimeException {

    private final long requestedOffset;
    private final long logStartOffset;
    private final long logEndOffset;

    public OffsetOutOfRangeException(String partition, long requestedOffset, long logStartOffset, long logEndOffset) {
        this(requestedOffset, logStartOffset, logEndOffset, "Offset " + requestedOffset
                + " is out of range for partition " + partition + ": valid offsets are " + logStartOffset + " to "
                + logEndOffset);
    }

    private OffsetOutOfRangeException(long requestedOffset, long logStartOffset, long logEndOffset, String message) {
        super(message);
        this.requestedOffset = requestedOffset;
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
    }

    /** Returns the exception for a new log start offset that is negative or above the high watermark. */
    static OffsetOutOfRangeException forNewLogStartOffset(String partition, long newLogStartOffset, long logStartOffset,
                                                         long logEndOffset, long highWatermark) {
        return new OffsetOutOfRangeException(newLogStartOffset, logStartOffset, logEndOffset, "Cannot delete records "
                + "of partition " + partition + " before offset " + newLogStartOffset
                + ": the offset must be from 0 to the high watermark " + highWatermark);
    }

    public long requestedOffset() {
        return requestedOffset;
    }

    public long logStartOffset() {
        return logStartOffset;
    }

    public long logEndOffset() {
        return logEndOffset;
    }
}
