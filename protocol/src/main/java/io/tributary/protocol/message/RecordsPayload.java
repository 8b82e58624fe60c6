package io.tributary.protocol.message;

import java.nio.ByteBuffer;
import java.nio.file.Path;

/**
 * Record batches carried in a response. Stored data travels as a {@link FileSlice} so the network layer
 * can send it with zero copies; small or generated data travels in memory.
 */
public sealed interface RecordsPayload {

    /** No records. */
    RecordsPayload EMPTY = new Memory(ByteBuffer.allocate(0));

    /** Returns the number of bytes the records take on the wire. */
    int sizeInBytes();

    /** Records held in a heap or direct buffer, positioned at the first byte. */
    record Memory(ByteBuffer buffer) implements RecordsPayload {
        @Override
        public int sizeInBytes() {
            return buffer.remaining();
        }
    }

    /**
     * A byte range of a segment file, made of whole record batches. The network layer opens the file
     * when it sends the range and closes it afterwards, so the range stays readable if the segment is
     * deleted in between (the open file outlives the unlink on POSIX file systems).
     */
    record FileSlice(Path file, long position, int size) implements RecordsPayload {
        @Override
        public int sizeInBytes() {
            return size;
        }
    }
}
