package io.tributary.storage;

/**
 * Thrown by {@link Log#read} when the fetch offset is below the log start offset or above the log
 * end offset. Maps to the Kafka error {@code OFFSET_OUT_OF_RANGE}.
 */
public class OffsetOutOfRangeException extends RuntimeException {

    private final long requestedOffset;
    private final long logStartOffset;
    private final long logEndOffset;

    public OffsetOutOfRangeException(String partition, long requestedOffset, long logStartOffset, long logEndOffset) {
        super("Offset " + requestedOffset + " is out of range for partition " + partition
                + ": valid offsets are " + logStartOffset + " to " + logEndOffset);
        this.requestedOffset = requestedOffset;
        this.logStartOffset = logStartOffset;
        this.logEndOffset = logEndOffset;
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
