package io.tributary.storage.record;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;

/**
 * Zig-zag variable-length integers as used inside v2 records: 7 bits per byte, least significant
 * group first, high bit set on every byte except the last.
 */
final class Varint {

    private Varint() {
    }

    static void writeInt(int value, ByteArrayOutputStream out) {
        writeLong(value, out);
    }

    static void writeLong(long value, ByteArrayOutputStream out) {
        long zigzag = (value << 1) ^ (value >> 63);
        while ((zigzag & ~0x7FL) != 0) {
            out.write((int) ((zigzag & 0x7F) | 0x80));
            zigzag >>>= 7;
        }
        out.write((int) zigzag);
    }

    /** Reads a varint that must fit 32 bits (at most 5 bytes). */
    static int readInt(ByteBuffer buffer) {
        long value = readRaw(buffer, 5);
        int raw = (int) value;
        return (raw >>> 1) ^ -(raw & 1);
    }

    /** Reads a varlong (at most 10 bytes). */
    static long readLong(ByteBuffer buffer) {
        long raw = readRaw(buffer, 10);
        return (raw >>> 1) ^ -(raw & 1);
    }

    private static long readRaw(ByteBuffer buffer, int maxBytes) {
        long value = 0;
        for (int i = 0; i < maxBytes; i++) {
            byte b = buffer.get();
            value |= (long) (b & 0x7F) << (7 * i);
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("Varint longer than " + maxBytes + " bytes");
    }
}
