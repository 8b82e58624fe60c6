package io.tributary.storage.segment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Sparse map from offsets to file positions in one segment's log file ({@code .index}). An entry is
 * written every {@code index.interval.bytes} of batches; it names a batch's last offset and the
 * position of that batch's header. Each entry is 8 bytes, big-endian:
 *
 * <pre>
 *  0      4  relativeOffset   batch last offset minus the segment base offset, strictly increasing
 *  4      4  position         byte position of the batch in the .log file, strictly increasing
 * </pre>
 */
public final class OffsetIndex extends IndexFile {

    public static final int ENTRY_SIZE = 8;

    private final long baseOffset;

    OffsetIndex(Path path, long baseOffset, int maxIndexBytes) throws IOException {
        super(path, ENTRY_SIZE, maxIndexBytes);
        this.baseOffset = baseOffset;
    }

    @Override
    void writeEntry(ByteBuffer buffer, long key, int value) {
        buffer.putInt((int) key).putInt(value);
    }

    @Override
    long readKey(ByteBuffer buffer) {
        return buffer.getInt();
    }

    @Override
    int readValue(ByteBuffer buffer) {
        return buffer.getInt();
    }

    /** Adds an entry for a batch whose last offset is {@code offset} and header is at {@code position}. */
    void append(long offset, int position) throws IOException {
        appendEntry(offset - baseOffset, position);
    }

    /**
     * Returns the file position from which to scan for {@code offset}: the position of the last
     * indexed batch whose last offset is below {@code offset}, else 0. Scanning starts at that batch
     * because the offset may lie inside it only when the indexed last offset is not below it.
     */
    int lookupPosition(long offset) {
        int slot = floorSlot(offset - baseOffset - 1);
        return slot < 0 ? 0 : valueAt(slot);
    }

    /** Returns the last indexed absolute offset, or -1 when empty. */
    long lastOffset() {
        int count = entries();
        return count == 0 ? -1 : baseOffset + keyAt(count - 1);
    }

    /**
     * Checks that offsets and positions strictly increase and stay inside the segment.
     *
     * @throws CorruptIndexException naming the first bad entry
     */
    void sanityCheck(long segmentSize) {
        long previousKey = -1;
        long previousPosition = -1;
        for (int i = 0; i < entries(); i++) {
            long key = keyAt(i);
            int position = valueAt(i);
            if (key <= previousKey || position <= previousPosition || position >= segmentSize || key < 0) {
                throw new CorruptIndexException(path() + " entry " + i + " (relative offset " + key + ", position "
                        + position + ") is out of order or beyond the segment size " + segmentSize);
            }
            previousKey = key;
            previousPosition = position;
        }
    }
}
