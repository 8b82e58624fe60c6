package io.tributary.storage.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Sparse map from timestamps to offsets in one segment ({@code .timeindex}). An entry records the
 * largest batch max timestamp seen so far and the last offset of the batch that carried it, so
 * timestamps and offsets both strictly increase. Each entry is 12 bytes, big-endian:
 *
 * <pre>
 *  0      8  timestamp        max timestamp so far, in milliseconds
 *  8      4  relativeOffset   last offset of the batch with that timestamp minus the base offset
 * </pre>
 */
public final class TimeIndex extends IndexFile {

    public static final int ENTRY_SIZE = 12;

    private final long baseOffset;

    TimeIndex(Path path, long baseOffset, int maxIndexBytes) throws IOException {
        super(path, ENTRY_SIZE, maxIndexBytes);
        this.baseOffset = baseOffset;
    }

    @Override
    void writeEntry(ByteBuffer buffer, long key, int value) {
        buffer.putLong(key).putInt(value);
    }

    @Override
    long readKey(ByteBuffer buffer) {
        return buffer.getLong();
    }

    @Override
    int readValue(ByteBuffer buffer) {
        return buffer.getInt();
    }

    /** Adds an entry unless {@code timestamp} does not exceed the last entry's timestamp. */
    void maybeAppend(long timestamp, long offset) throws IOException {
        int count = entries();
        if (count > 0 && (timestamp <= keyAt(count - 1) || offset - baseOffset <= valueAt(count - 1))) {
            return;
        }
        appendEntry(timestamp, (int) (offset - baseOffset));
    }

    /**
     * Returns the offset from which to scan for the first batch with max timestamp at least
     * {@code timestamp}: the offset after the last entry whose timestamp is below it, else the base offset.
     */
    long lookupStartOffset(long timestamp) {
        int slot = floorSlot(timestamp - 1);
        return slot < 0 ? baseOffset : baseOffset + valueAt(slot) + 1;
    }

    /** Returns the last entry's timestamp, or -1 when empty. */
    long lastTimestamp() {
        int count = entries();
        return count == 0 ? -1 : keyAt(count - 1);
    }

    /** Returns the last entry's absolute offset, or -1 when empty. */
    long lastOffset() {
        int count = entries();
        return count == 0 ? -1 : baseOffset + valueAt(count - 1);
    }

    /**
     * Checks that timestamps and offsets strictly increase and offsets stay below {@code nextOffset}.
     *
     * @throws CorruptIndexException naming the first bad entry
     */
    void sanityCheck(long nextOffset) {
        long previousTimestamp = Long.MIN_VALUE;
        long previousOffset = -1;
        for (int i = 0; i < entries(); i++) {
            long timestamp = keyAt(i);
            long relativeOffset = valueAt(i);
            if (timestamp <= previousTimestamp || relativeOffset <= previousOffset || relativeOffset < 0
                    || baseOffset + relativeOffset >= nextOffset) {
                throw new CorruptIndexException(path() + " entry " + i + " (timestamp " + timestamp
                        + ", relative offset " + relativeOffset + ") is out of order or beyond offset " + nextOffset);
            }
            previousTimestamp = timestamp;
            previousOffset = relativeOffset;
        }
    }
}
