package io.tributary.protocol.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.tributary.protocol.message.RecordsPayload;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.protocol.Writable;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * A Kafka {@link Writable} that writes into one pooled Netty buffer and turns each file slice into a
 * {@link SliceFileRegion} part, so a response becomes: buffer, region, buffer, region, ..., buffer. The
 * buffer parts are slices of that one buffer, which is sized once for all bytes outside file regions, so a
 * fetch of many partitions costs one allocation and not one per partition.
 *
 * <p>Buffer ownership: the parts belong to this object until {@link #finish()} hands them over; after a
 * failure the caller calls {@link #release()}. Each buffer part keeps its own reference to the shared
 * buffer. A file slice passes to its region when written, and an empty slice is released at once. Not
 * thread-safe.
 */
final class FrameWritable implements Writable {

    private final List<Object> parts = new ArrayList<>();
    private ByteBuf current;
    private int partStart;

    /**
     * Creates a writer for a frame whose parts other than file regions take {@code bufferBytes}, used to
     * size the buffer exactly; the buffer grows if the estimate is short.
     */
    FrameWritable(ByteBufAllocator allocator, long bufferBytes) {
        this.current = allocator.buffer(capacity(bufferBytes));
    }

    private static int capacity(long bytes) {
        return (int) Math.max(0, Math.min(bytes, Integer.MAX_VALUE));
    }

    @Override
    public void writeByte(byte val) {
        current.writeByte(val);
    }

    @Override
    public void writeShort(short val) {
        current.writeShort(val);
    }

    @Override
    public void writeInt(int val) {
        current.writeInt(val);
    }

    @Override
    public void writeLong(long val) {
        current.writeLong(val);
    }

    @Override
    public void writeDouble(double val) {
        current.writeDouble(val);
    }

    @Override
    public void writeByteArray(byte[] arr) {
        current.writeBytes(arr);
    }

    @Override
    public void writeUnsignedVarint(int i) {
        int value = i;
        while ((value & 0xFFFFFF80) != 0) {
            current.writeByte((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        current.writeByte(value);
    }

    @Override
    public void writeByteBuffer(ByteBuffer buf) {
        current.writeBytes(buf.duplicate());
    }

    @Override
    public void writeVarint(int i) {
        writeUnsignedVarint((i << 1) ^ (i >> 31));
    }

    @Override
    public void writeVarlong(long i) {
        long value = (i << 1) ^ (i >> 63);
        while ((value & 0xFFFFFFFFFFFFFF80L) != 0L) {
            current.writeByte(((int) value & 0x7F) | 0x80);
            value >>>= 7;
        }
        current.writeByte((int) value);
    }

    @Override
    public void writeRecords(BaseRecords records) {
        if (records instanceof FileSliceRecords fileSlice) {
            RecordsPayload.FileSlice slice = fileSlice.slice();
            int partEnd = current.writerIndex();
            parts.add(current.retainedSlice(partStart, partEnd - partStart));
            partStart = partEnd;
            if (slice.size() > 0) {
                parts.add(new SliceFileRegion(slice));
            } else {
                slice.release();
            }
        } else if (records instanceof MemoryRecords memory) {
            writeByteBuffer(memory.buffer());
        } else {
            throw new IllegalArgumentException("unsupported records type " + records.getClass().getName());
        }
    }

    /** Returns the parts written so far and hands their ownership to the caller. */
    List<Object> finish() {
        if (parts.isEmpty()) {
            // No file slice: the buffer itself is the frame
            parts.add(current);
            current = null;
            return parts;
        }
        int partEnd = current.writerIndex();
        if (partEnd > partStart) {
            parts.add(current.retainedSlice(partStart, partEnd - partStart));
        }
        current.release();
        current = null;
        return parts;
    }

    /** Releases every part after a failed write. */
    void release() {
        if (current != null) {
            current.release();
            current = null;
        }
        for (Object part : parts) {
            io.netty.util.ReferenceCountUtil.safeRelease(part);
        }
        parts.clear();
    }
}
