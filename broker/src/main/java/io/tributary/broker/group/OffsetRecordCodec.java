package io.tributary.broker.group;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Encodes committed offsets as the keys and values of records in {@code __consumer_offsets}. The
 * format is Tributary's own; all integers are big-endian, strings are UTF-8.
 *
 * <pre>
 * key (version 0):
 * +---------------+-----------------+-------------+-----------------+-------------+-----------------+
 * | version int16 | groupLen int16  | group bytes | topicLen int16  | topic bytes | partition int32 |
 * +---------------+-----------------+-------------+-----------------+-------------+-----------------+
 *
 * value (version 0), or a null value (tombstone) when the offset is deleted:
 * +---------------+--------------+-------------------+-------------------+----------------+---------------------+
 * | version int16 | offset int64 | leaderEpoch int32 | metadataLen int32 | metadata bytes | commitTimestamp int64 |
 * +---------------+--------------+-------------------+-------------------+----------------+---------------------+
 * </pre>
 * A metadata length of -1 encodes a null metadata string.
 *
 * <p>Stateless and thread-safe.
 */
final class OffsetRecordCodec {

    /** The key version of an offset commit. */
    static final short KEY_VERSION = 0;
    /** The value version of an offset commit. */
    static final short VALUE_VERSION = 0;

    private OffsetRecordCodec() {
    }

    /**
     * Encodes a key.
     *
     * @throws IllegalArgumentException if the group id or topic is longer than 32767 UTF-8 bytes
     */
    static byte[] encodeKey(OffsetKey key) {
        byte[] group = shortString("group id", key.groupId());
        byte[] topic = shortString("topic", key.topic());
        ByteBuffer buffer = ByteBuffer.allocate(2 + 2 + group.length + 2 + topic.length + 4);
        buffer.putShort(KEY_VERSION);
        buffer.putShort((short) group.length).put(group);
        buffer.putShort((short) topic.length).put(topic);
        buffer.putInt(key.partition());
        return buffer.array();
    }

    /** Encodes a value; returns null for a null value, which marks a deleted offset. */
    static byte[] encodeValue(CommittedOffset value) {
        if (value == null) {
            return null;
        }
        byte[] metadata = value.metadata() == null ? null : value.metadata().getBytes(StandardCharsets.UTF_8);
        int metadataLength = metadata == null ? 0 : metadata.length;
        ByteBuffer buffer = ByteBuffer.allocate(2 + 8 + 4 + 4 + metadataLength + 8);
        buffer.putShort(VALUE_VERSION);
        buffer.putLong(value.offset());
        buffer.putInt(value.leaderEpoch());
        buffer.putInt(metadata == null ? -1 : metadata.length);
        if (metadata != null) {
            buffer.put(metadata);
        }
        buffer.putLong(value.commitTimestampMs());
        return buffer.array();
    }

    /**
     * Decodes a key.
     *
     * @throws IllegalArgumentException if the bytes are truncated, have trailing bytes or an unknown version
     */
    static OffsetKey decodeKey(byte[] bytes) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            short version = buffer.getShort();
            if (version != KEY_VERSION) {
                throw new IllegalArgumentException("Unknown offset key version " + version);
            }
            String group = readString(buffer, buffer.getShort());
            String topic = readString(buffer, buffer.getShort());
            int partition = buffer.getInt();
            requireFullyRead(buffer, "key");
            return new OffsetKey(group, topic, partition);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("Truncated offset key of " + bytes.length + " bytes", e);
        }
    }

    /**
     * Decodes a value; a null array is a tombstone and decodes to null.
     *
     * @throws IllegalArgumentException if the bytes are truncated, have trailing bytes or an unknown version
     */
    static CommittedOffset decodeValue(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            short version = buffer.getShort();
            if (version != VALUE_VERSION) {
                throw new IllegalArgumentException("Unknown offset value version " + version);
            }
            long offset = buffer.getLong();
            int leaderEpoch = buffer.getInt();
            String metadata = readString(buffer, buffer.getInt());
            long commitTimestampMs = buffer.getLong();
            requireFullyRead(buffer, "value");
            return new CommittedOffset(offset, leaderEpoch, metadata, commitTimestampMs);
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("Truncated offset value of " + bytes.length + " bytes", e);
        }
    }

    private static byte[] shortString(String field, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > Short.MAX_VALUE) {
            throw new IllegalArgumentException("The " + field + " is " + bytes.length
                    + " UTF-8 bytes long; the maximum is " + Short.MAX_VALUE);
        }
        return bytes;
    }

    private static String readString(ByteBuffer buffer, int length) {
        if (length == -1) {
            return null;
        }
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("Invalid string length " + length + " with " + buffer.remaining()
                    + " bytes left");
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void requireFullyRead(ByteBuffer buffer, String what) {
        if (buffer.hasRemaining()) {
            throw new IllegalArgumentException("Offset " + what + " has " + buffer.remaining() + " trailing bytes");
        }
    }
}
