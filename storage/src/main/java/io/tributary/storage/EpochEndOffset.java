package io.tributary.storage;

/**
 * Result of {@link Log#endOffsetForEpoch}: the largest known epoch not above the requested one and
 * the offset where the next epoch starts (or the log end offset for the current epoch).
 * Both are -1 when the requested epoch is unknown or newer than every known epoch.
 *
 * @param leaderEpoch leader epoch, or -1
 * @param endOffset   exclusive end offset of that epoch, or -1
 */
public record EpochEndOffset(int leaderEpoch, long endOffset) {

    public static final EpochEndOffset UNDEFINED = new EpochEndOffset(-1, -1L);
}
