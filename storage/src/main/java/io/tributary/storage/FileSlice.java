package io.tributary.storage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A range of whole record batches in a segment file, returned by {@link Log#read}.
 *
 * <p>The slice keeps its segment open: the channel stays readable, even while the log rolls or the
 * partition is deleted, until {@link #close()} is called. The caller owns the slice and must close
 * it, typically after the bytes were sent (for example from a Netty
 * {@code FileRegion}'s deallocation). A segment that is never released stays open until the
 * process exits. Closing twice has no further effect. The channel is shared, so
 * use positional reads or {@code transferTo} only and never close the channel itself. Netty's
 * {@code DefaultFileRegion} closes its channel when released, so send the slice through a file
 * region whose deallocation calls {@link #close()} instead.
 */
public final class FileSlice implements AutoCloseable {

    private final FileChannel channel;
    private final long position;
    private final int size;
    private final long firstBatchBaseOffset;
    private final long highWatermark;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param channel              segment channel, or null for an empty slice
     * @param position             file position of the first byte
     * @param size                 bytes in the slice, 0 for an empty slice
     * @param firstBatchBaseOffset base offset of the first batch, or the fetch offset when empty
     * @param highWatermark        high watermark that bounded the read
     * @param release              action run once by {@link #close()}
     */
    public FileSlice(FileChannel channel, long position, int size, long firstBatchBaseOffset, long highWatermark,
                     Runnable release) {
        this.channel = channel;
        this.position = position;
        this.size = size;
        this.firstBatchBaseOffset = firstBatchBaseOffset;
        this.highWatermark = highWatermark;
        this.release = release;
    }

    /** Returns an empty slice without a file. */
    public static FileSlice empty(long fetchOffset, long highWatermark) {
        return new FileSlice(null, 0, 0, fetchOffset, highWatermark, () -> { });
    }

    /** Returns the segment's channel, or null for an empty slice. */
    public FileChannel channel() {
        return channel;
    }

    public long position() {
        return position;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public long firstBatchBaseOffset() {
        return firstBatchBaseOffset;
    }

    public long highWatermark() {
        return highWatermark;
    }

    /** Copies the slice into a new heap buffer, positioned at 0 with {@code size()} bytes remaining. */
    public ByteBuffer readAll() throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(size);
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new IOException("Segment file ended after " + buffer.position() + " of " + size + " bytes");
            }
        }
        return buffer.flip();
    }

    /** Releases the segment; the channel must not be used afterwards. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
