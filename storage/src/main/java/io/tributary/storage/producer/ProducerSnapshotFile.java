package io.tributary.storage.producer;

import io.tributary.storage.file.AtomicFile;
import io.tributary.storage.file.FileSync;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Binary snapshot of a partition's producer state, named {@code <offset>.snapshot} with the
 * offset as 20 zero-padded digits: the state after every batch below that offset. Layout,
 * big-endian:
 *
 * <pre>
 *  version        int16   1
 *  crc            int32   CRC32C of every byte after this field
 *  producerCount  int32
 *  producerCount times:
 *    producerId     int64
 *    producerEpoch  int16
 *    batchCount     int32   1 to 5, oldest first
 *    batchCount times:
 *      firstSequence  int32
 *      lastSequence   int32
 *      firstOffset    int64
 *      lastOffset     int64
 *      timestamp      int64
 * </pre>
 */
public final class ProducerSnapshotFile {

    public static final String SUFFIX = ".snapshot";
    private static final short VERSION = 1;
    private static final int BATCH_SIZE = 4 + 4 + 8 + 8 + 8;

    private ProducerSnapshotFile() {
    }

    public static Path path(Path dir, long offset) {
        return dir.resolve(String.format("%020d%s", offset, SUFFIX));
    }

    /** Writes the snapshot durably through {@link AtomicFile}. */
    public static void write(Path file, Collection<ProducerStateEntry> entries, FileSync fileSync) throws IOException {
        int size = 2 + 4 + 4;
        for (ProducerStateEntry entry : entries) {
            size += 8 + 2 + 4 + entry.batches().size() * BATCH_SIZE;
        }
        ByteBuffer buffer = ByteBuffer.allocate(size);
        buffer.putShort(VERSION).putInt(0).putInt(entries.size());
        for (ProducerStateEntry entry : entries) {
            List<BatchMetadata> batches = entry.batches();
            buffer.putLong(entry.producerId()).putShort(entry.producerEpoch()).putInt(batches.size());
            for (BatchMetadata batch : batches) {
                buffer.putInt(batch.firstSequence()).putInt(batch.lastSequence())
                        .putLong(batch.firstOffset()).putLong(batch.lastOffset()).putLong(batch.timestamp());
            }
        }
        buffer.putInt(2, (int) crc(buffer.array(), 6, size - 6));
        new AtomicFile(file, fileSync).write(buffer.array());
    }

    /**
     * Reads a snapshot.
     *
     * @throws IOException if the file cannot be read, has another version or fails its CRC
     */
    public static List<ProducerStateEntry> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            short version = buffer.getShort();
            if (version != VERSION) {
                throw new IOException("Unsupported producer snapshot version " + version + " in " + file);
            }
            long storedCrc = Integer.toUnsignedLong(buffer.getInt());
            long computedCrc = crc(bytes, 6, bytes.length - 6);
            if (storedCrc != computedCrc) {
                throw new IOException("CRC mismatch in " + file + ": stored " + storedCrc + ", computed " + computedCrc);
            }
            int count = buffer.getInt();
            List<ProducerStateEntry> entries = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                ProducerStateEntry entry = new ProducerStateEntry(buffer.getLong(), buffer.getShort());
                int batchCount = buffer.getInt();
                if (batchCount < 0 || batchCount > ProducerStateEntry.MAX_CACHED_BATCHES) {
                    throw new IOException("Invalid batch count " + batchCount + " in " + file);
                }
                for (int b = 0; b < batchCount; b++) {
                    entry.addBatch(entry.producerEpoch(), new BatchMetadata(buffer.getInt(), buffer.getInt(),
                            buffer.getLong(), buffer.getLong(), buffer.getLong()));
                }
                entries.add(entry);
            }
            return entries;
        } catch (BufferUnderflowException e) {
            throw new IOException("Truncated producer snapshot " + file, e);
        }
    }

    private static long crc(byte[] bytes, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(bytes, offset, length);
        return crc.getValue();
    }
}
