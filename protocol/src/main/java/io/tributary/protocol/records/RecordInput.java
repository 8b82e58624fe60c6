package io.tributary.protocol.records;

import java.io.IOException;
import java.io.InputStream;

/**
 * Reads the primitive types of Kafka's record format from a stream and counts the bytes read. Data that
 * ends inside a value raises {@link RecordsCheck.InvalidRecordStructureException}. Not thread-safe.
 */
final class RecordInput {

    private static final int SKIP_BUFFER_BYTES = 8192;

    private final InputStream in;
    private final boolean exactSkip;
    private byte[] skipBuffer;
    private long bytesRead;
    private int peeked = -2;

    /**
     * @param in        the records' bytes
     * @param exactSkip whether {@code in.skip} skips every available byte it is asked to, as a stream over a
     *                  buffer does, so {@link #skip} needs no buffer of its own
     */
    RecordInput(InputStream in, boolean exactSkip) {
        this.in = in;
        this.exactSkip = exactSkip;
    }

    long bytesRead() {
        return bytesRead;
    }

    /** Returns whether the stream has no more bytes. */
    boolean atEnd() throws IOException {
        if (peeked == -2) {
            peeked = in.read();
        }
        return peeked == -1;
    }

    int readByte() throws IOException {
        int b;
        if (peeked != -2) {
            b = peeked;
            peeked = -2;
        } else {
            b = in.read();
        }
        if (b < 0) {
            throw new RecordsCheck.InvalidRecordStructureException("Found invalid record structure: the data ends"
                    + " inside a record");
        }
        bytesRead++;
        return b;
    }

    /** Reads a zig-zag varint of at most 5 bytes. */
    int readVarint() throws IOException {
        int value = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = readByte();
            value |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw new RecordsCheck.InvalidRecordStructureException("Found invalid record structure: varint is too long");
    }

    /** Reads a zig-zag varlong of at most 10 bytes. */
    long readVarlong() throws IOException {
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            int b = readByte();
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return (value >>> 1) ^ -(value & 1);
            }
        }
        throw new RecordsCheck.InvalidRecordStructureException("Found invalid record structure: varlong is too long");
    }

    /**
     * Skips {@code n} bytes. Unless the stream skips exactly, reads them instead, because decompressing
     * streams may not implement skip.
     */
    void skip(int n) throws IOException {
        int left = n;
        if (left > 0 && peeked != -2) {
            readByte();
            left--;
        }
        if (exactSkip && left > 0) {
            long skipped = in.skip(left);
            left -= (int) skipped;
            bytesRead += skipped;
        }
        if (left > 0 && skipBuffer == null) {
            skipBuffer = new byte[SKIP_BUFFER_BYTES];
        }
        while (left > 0) {
            int read = in.read(skipBuffer, 0, Math.min(left, skipBuffer.length));
            if (read < 0) {
                throw new RecordsCheck.InvalidRecordStructureException("Found invalid record structure: the data ends"
                        + " inside a record");
            }
            left -= read;
            bytesRead += read;
        }
    }

    /** Raised when decompression produces more bytes than the policy allows. */
    static final class LimitExceededException extends RuntimeException {
        LimitExceededException() {
            super("decompressed size limit exceeded", null, false, false);
        }
    }
}
