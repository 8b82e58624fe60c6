package io.tributary.broker.group;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The snapshot of every committed offset that a clean shutdown writes, with the offsets log position
 * it covers: replay at the next start loads the snapshot and reads each offsets partition only from
 * that position on. All integers are big-endian.
 *
 * <pre>
 * +-------------+---------------+----------------------+---------------------------------------------+
 * | magic int32 | version int16 | partitionCount int32 | (partition int32, nextOffset int64) * count  |
 * +-------------+---------------+----------------------+---------------------------------------------+
 * | entryCount int32 | (keyLen int32, key, valueLen int32, value) * entryCount | crc32c int32          |
 * +------------------+--------------------------------------------------------+-----------------------+
 * </pre>
 * Keys and values use the layouts of {@link OffsetRecordCodec}; {@code nextOffset} is the log end
 * offset of the partition when the snapshot was taken. The CRC32C covers every byte before it.
 *
 * <p>Stateless and thread-safe.
 */
final class OffsetsCheckpoint {

    /** "TGOC": Tributary group offsets checkpoint. */
    static final int MAGIC = 0x54474F43;
    static final short VERSION = 0;

    /**
     * A decoded checkpoint.
     *
     * @param nextOffsets the offsets log position covered, by offsets partition
     * @param offsets     every committed offset at that position
     */
    record Snapshot(Map<Integer, Long> nextOffsets, Map<OffsetKey, CommittedOffset> offsets) {
    }

    private OffsetsCheckpoint() {
    }

    static byte[] encode(Snapshot snapshot) {
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        int size = 4 + 2 + 4 + snapshot.nextOffsets().size() * 12 + 4 + 4;
        for (Map.Entry<OffsetKey, CommittedOffset> entry : snapshot.offsets().entrySet()) {
            byte[] key = OffsetRecordCodec.encodeKey(entry.getKey());
            byte[] value = OffsetRecordCodec.encodeValue(entry.getValue());
            keys.add(key);
            values.add(value);
            size += 4 + key.length + 4 + value.length;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putInt(MAGIC).putShort(VERSION);
        buffer.putInt(snapshot.nextOffsets().size());
        new TreeMap<>(snapshot.nextOffsets()).forEach((partition, offset) -> buffer.putInt(partition).putLong(offset));
        buffer.putInt(keys.size());
        for (int i = 0; i < keys.size(); i++) {
            buffer.putInt(keys.get(i).length).put(keys.get(i));
            buffer.putInt(values.get(i).length).put(values.get(i));
        }
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        buffer.putInt((int) crc.getValue());
        return buffer.array();
    }

    /**
     * Decodes a checkpoint.
     *
     * @throws IllegalArgumentException if the magic, version or CRC is wrong or the bytes are truncated
     */
    static Snapshot decode(byte[] bytes) {
        if (bytes.length < 4 + 2 + 4 + 4 + 4) {
            throw new IllegalArgumentException("Checkpoint of " + bytes.length + " bytes is too short");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int storedCrc = ByteBuffer.wrap(bytes, bytes.length - 4, 4).getInt();
        if (storedCrc != (int) crc.getValue()) {
            throw new IllegalArgumentException("Checkpoint CRC mismatch: stored " + Integer.toHexString(storedCrc)
                    + ", computed " + Long.toHexString(crc.getValue()));
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes, 0, bytes.length - 4);
        try {
            int magic = buffer.getInt();
            short version = buffer.getShort();
            if (magic != MAGIC || version != VERSION) {
                throw new IllegalArgumentException("Not a version " + VERSION + " offsets checkpoint: magic "
                        + Integer.toHexString(magic) + ", version " + version);
            }
            int partitionCount = requireCount(buffer.getInt(), buffer, 12);
            Map<Integer, Long> nextOffsets = new HashMap<>();
            for (int i = 0; i < partitionCount; i++) {
                nextOffsets.put(buffer.getInt(), buffer.getLong());
            }
            int entryCount = requireCount(buffer.getInt(), buffer, 8);
            Map<OffsetKey, CommittedOffset> offsets = new HashMap<>();
            for (int i = 0; i < entryCount; i++) {
                OffsetKey key = OffsetRecordCodec.decodeKey(readBytes(buffer));
                CommittedOffset value = OffsetRecordCodec.decodeValue(readBytes(buffer));
                offsets.put(key, value);
            }
            if (buffer.hasRemaining()) {
                throw new IllegalArgumentException("Checkpoint has " + buffer.remaining() + " trailing bytes");
            }
            return new Snapshot(nextOffsets, offsets);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("Truncated checkpoint of " + bytes.length + " bytes", e);
        }
    }

    private static int requireCount(int count, ByteBuffer buffer, int minBytesEach) {
        if (count < 0 || (long) count * minBytesEach > buffer.remaining()) {
            throw new IllegalArgumentException("Invalid count " + count + " with " + buffer.remaining()
                    + " bytes left");
        }
        return count;
    }

    private static byte[] readBytes(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("Invalid length " + length + " with " + buffer.remaining()
                    + " bytes left");
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return bytes;
    }
}
