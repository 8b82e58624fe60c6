package io.tributary.protocol.message;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Record batches carried in a response. Stored data travels as a {@link FileSlice} so the network layer
 * can send it with zero copies; small or generated data travels in memory.
 *
 * <p>Ownership: a payload with an open resource ({@link FileSlice}) belongs to the response that carries it.
 * The owner of that response either calls {@link #release()} or hands the response to
 * {@code KafkaResponseEncoder.encode}, which takes over the release. See {@link ApiResponse#release()}.
 */
public sealed interface RecordsPayload {

    /** No records. */
    RecordsPayload EMPTY = new Memory(ByteBuffer.allocate(0));

    /** Returns the number of bytes the records take on the wire. */
    int sizeInBytes();

    /** Releases the resource the payload keeps open. Later calls, and calls on a memory payload, have no effect. */
    default void release() {
    }

    /** Records held in a heap or direct buffer, positioned at the first byte. */
    record Memory(ByteBuffer buffer) implements RecordsPayload {
        @Override
        public int sizeInBytes() {
            return buffer.remaining();
        }
    }

    /**
     * A byte range of whole record batches in an open segment file. The slice keeps its file readable until
     * {@link #release()} runs its release action, so a segment deleted after the read (by a topic deletion or
     * by retention) is still sent intact.
     *
     * <p>The channel is shared with storage and other readers: use positional reads or {@code transferTo}
     * only, and never close it. Thread-safe: {@link #release()} runs the release action at most once, whichever
     * thread calls it first.
     */
    final class FileSlice implements RecordsPayload {

        private final FileChannel channel;
        private final long position;
        private final int size;
        private final Runnable releaseAction;
        private final AtomicBoolean released = new AtomicBoolean();

        /**
         * @param channel       the open segment file, which this slice does not close
         * @param position      file position of the first byte, at least 0
         * @param size          bytes in the slice, at least 0
         * @param releaseAction run once by {@link #release()}, for example to drop the reader's reference to
         *                      the segment
         */
        public FileSlice(FileChannel channel, long position, int size, Runnable releaseAction) {
            this.channel = Objects.requireNonNull(channel, "channel");
            if (position < 0 || size < 0) {
                throw new IllegalArgumentException("Invalid file slice: position " + position + ", size " + size);
            }
            this.position = position;
            this.size = size;
            this.releaseAction = Objects.requireNonNull(releaseAction, "releaseAction");
        }

        /** Returns the shared segment channel; valid until {@link #release()}. */
        public FileChannel channel() {
            return channel;
        }

        public long position() {
            return position;
        }

        public int size() {
            return size;
        }

        @Override
        public int sizeInBytes() {
            return size;
        }

        /** Returns true once {@link #release()} was called. */
        public boolean isReleased() {
            return released.get();
        }

        @Override
        public void release() {
            if (released.compareAndSet(false, true)) {
                releaseAction.run();
            }
        }

        @Override
        public String toString() {
            return "FileSlice(position=" + position + ", size=" + size + ", released=" + released.get() + ")";
        }
    }
}
