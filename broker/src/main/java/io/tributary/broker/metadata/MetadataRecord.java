package io.tributary.broker.metadata;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A change to the cluster metadata, the unit of the {@link MetadataLog}. Replaying every record in order
 * from an empty image rebuilds the current image.
 *
 * <p>Payload layouts (big-endian; a string is an int32 byte length followed by UTF-8 bytes):
 * <pre>
 * type 1 TopicRecord:          topicId (2 x int64) | name (string) | partitionCount (int32)
 *                              | configCount (int32) | configCount x (key string, value string)
 * type 2 PartitionCountRecord: topicId (2 x int64) | partitionCount (int32)
 * type 3 RemoveTopicRecord:    topicId (2 x int64)
 * type 4 ProducerIdsRecord:    nextProducerId (int64)
 * type 5 TopicConfigRecord:    topicId (2 x int64) | configCount (int32) | configCount x (key string, value string)
 * </pre>
 */
public sealed interface MetadataRecord {

    /** Returns the record's type byte. */
    byte type();

    /** Writes the payload, without the type byte. */
    void writePayload(ByteBuffer buffer);

    /** Returns the payload size in bytes. */
    int payloadSize();

    /** A topic was created. */
    record TopicRecord(UUID topicId, String name, int partitionCount, Map<String, String> configs)
            implements MetadataRecord {

        public TopicRecord {
            configs = Map.copyOf(configs);
        }

        @Override
        public byte type() {
            return 1;
        }

        @Override
        public void writePayload(ByteBuffer buffer) {
            writeUuid(buffer, topicId);
            writeString(buffer, name);
            buffer.putInt(partitionCount);
            writeConfigs(buffer, configs);
        }

        @Override
        public int payloadSize() {
            return 16 + stringSize(name) + 4 + configsSize(configs);
        }
    }

    /** Partitions were added to a topic; {@code partitionCount} is the new total. */
    record PartitionCountRecord(UUID topicId, int partitionCount) implements MetadataRecord {

        @Override
        public byte type() {
            return 2;
        }

        @Override
        public void writePayload(ByteBuffer buffer) {
            writeUuid(buffer, topicId);
            buffer.putInt(partitionCount);
        }

        @Override
        public int payloadSize() {
            return 20;
        }
    }

    /** A topic was deleted. */
    record RemoveTopicRecord(UUID topicId) implements MetadataRecord {

        @Override
        public byte type() {
            return 3;
        }

        @Override
        public void writePayload(ByteBuffer buffer) {
            writeUuid(buffer, topicId);
        }

        @Override
        public int payloadSize() {
            return 16;
        }
    }

    /**
     * A block of producer ids was allocated: every id below {@code nextProducerId} may have been handed out,
     * so none of them is handed out again, even after a restart.
     */
    record ProducerIdsRecord(long nextProducerId) implements MetadataRecord {

        @Override
        public byte type() {
            return 4;
        }

        @Override
        public void writePayload(ByteBuffer buffer) {
            buffer.putLong(nextProducerId);
        }

        @Override
        public int payloadSize() {
            return 8;
        }
    }

    /**
     * A topic's configuration overrides were replaced; {@code configs} is the complete new set, so a key that is
     * absent returns to the broker-level value.
     */
    record TopicConfigRecord(UUID topicId, Map<String, String> configs) implements MetadataRecord {

        public TopicConfigRecord {
            configs = Map.copyOf(configs);
        }

        @Override
        public byte type() {
            return 5;
        }

        @Override
        public void writePayload(ByteBuffer buffer) {
            writeUuid(buffer, topicId);
            writeConfigs(buffer, configs);
        }

        @Override
        public int payloadSize() {
            return 16 + configsSize(configs);
        }
    }

    /**
     * Reads a record of the given type from the buffer, which contains exactly its payload.
     *
     * @throws IllegalArgumentException for an unknown type or a malformed payload
     */
    static MetadataRecord read(byte type, ByteBuffer payload) {
        try {
            MetadataRecord record = switch (type) {
                case 1 -> readTopicRecord(payload);
                case 2 -> new PartitionCountRecord(readUuid(payload), payload.getInt());
                case 3 -> new RemoveTopicRecord(readUuid(payload));
                case 4 -> new ProducerIdsRecord(payload.getLong());
                case 5 -> new TopicConfigRecord(readUuid(payload), readConfigs(payload, "topic config record"));
                default -> throw new IllegalArgumentException("Unknown metadata record type " + type);
            };
            if (payload.hasRemaining()) {
                throw new IllegalArgumentException("Metadata record of type " + type + " has "
                        + payload.remaining() + " trailing bytes");
            }
            return record;
        } catch (BufferUnderflowException e) {
            throw new IllegalArgumentException("Metadata record of type " + type + " is truncated", e);
        }
    }

    private static TopicRecord readTopicRecord(ByteBuffer payload) {
        UUID topicId = readUuid(payload);
        String name = readString(payload);
        int partitionCount = payload.getInt();
        Map<String, String> configs = readConfigs(payload, "topic record " + name);
        return new TopicRecord(topicId, name, partitionCount, configs);
    }

    private static int configsSize(Map<String, String> configs) {
        int size = 4;
        for (Map.Entry<String, String> entry : configs.entrySet()) {
            size += stringSize(entry.getKey()) + stringSize(entry.getValue());
        }
        return size;
    }

    private static void writeConfigs(ByteBuffer buffer, Map<String, String> configs) {
        buffer.putInt(configs.size());
        for (Map.Entry<String, String> entry : configs.entrySet()) {
            writeString(buffer, entry.getKey());
            writeString(buffer, entry.getValue());
        }
    }

    private static Map<String, String> readConfigs(ByteBuffer payload, String context) {
        int configCount = payload.getInt();
        // Each entry takes at least 8 bytes (two string lengths), which bounds a damaged count.
        if (configCount < 0 || configCount > payload.remaining() / 8) {
            throw new IllegalArgumentException("Invalid config count " + configCount + " in " + context);
        }
        Map<String, String> configs = new LinkedHashMap<>();
        for (int i = 0; i < configCount; i++) {
            configs.put(readString(payload), readString(payload));
        }
        return configs;
    }

    private static void writeUuid(ByteBuffer buffer, UUID id) {
        buffer.putLong(id.getMostSignificantBits());
        buffer.putLong(id.getLeastSignificantBits());
    }

    private static UUID readUuid(ByteBuffer buffer) {
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    private static int stringSize(String value) {
        return 4 + value.getBytes(StandardCharsets.UTF_8).length;
    }

    private static void writeString(ByteBuffer buffer, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        buffer.putInt(bytes.length);
        buffer.put(bytes);
    }

    private static String readString(ByteBuffer buffer) {
        int length = buffer.getInt();
        if (length < 0 || length > buffer.remaining()) {
            throw new IllegalArgumentException("Invalid string length " + length + " in metadata record");
        }
        byte[] bytes = new byte[length];
        buffer.get(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
