package io.tributary.storage;

/**
 * Outcome of {@link Log#append}.
 *
 * @param firstOffset    offset assigned to the first record, or -1 if rejected
 * @param lastOffset     offset assigned to the last record, or -1 if rejected
 * @param logAppendTime  broker timestamp written into the batches with {@code LogAppendTime}, otherwise -1
 * @param logStartOffset log start offset after the append
 * @param error          {@link AppendError#NONE} unless rejected
 * @param duplicate      true if the batch repeats one of the producer's last five batches. Nothing
 *                       was written then, and the offsets are those of the original write.
 * @param errorMessage   human-readable reason when rejected, otherwise null
 */
public record AppendResult(
        long firstOffset,
        long lastOffset,
        long logAppendTime,
        long logStartOffset,
        AppendError error,
        boolean duplicate,
        String errorMessage) {

    public static AppendResult appended(long firstOffset, long lastOffset, long logAppendTime, long logStartOffset) {
        return new AppendResult(firstOffset, lastOffset, logAppendTime, logStartOffset, AppendError.NONE, false, null);
    }

    public static AppendResult duplicateOf(long firstOffset, long lastOffset, long logStartOffset) {
        return new AppendResult(firstOffset, lastOffset, -1, logStartOffset, AppendError.NONE, true, null);
    }

    public static AppendResult rejected(AppendError error, String message, long logStartOffset) {
        return new AppendResult(-1, -1, -1, logStartOffset, error, false, message);
    }

    /** Returns true if the batches are in the log, either written now or earlier as a duplicate. */
    public boolean succeeded() {
        return error == AppendError.NONE;
    }

    /** Returns the offset after the last record, the value to pass to {@link Log#awaitDurable}. */
    public long nextOffset() {
        return lastOffset + 1;
    }
}
