package io.tributary.broker.metadata;

import io.tributary.storage.file.AtomicFile;
import io.tributary.storage.file.FileSync;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The append-only file of {@link MetadataRecord}s, replayed at start-up. Each append is forced to disk
 * before it returns, so a change the broker acknowledged survives a crash. The format is a sequence of
 * self-checking entries so it can later be shipped to other nodes as a replicated metadata log.
 *
 * <pre>
 * entry := length (int32, bytes after this field) | crc (int32, CRC-32C of type and payload)
 *          | type (int8) | payload (length - 5 bytes, see MetadataRecord)
 * </pre>
 *
 * <p>Corruption policy: an entry at the end of the file that is incomplete or fails its checksum is a torn
 * write of an append that was never acknowledged, so it is truncated away with a warning. A damaged
 * entry followed by further data cannot be a torn write, and opening the log then fails with an
 * {@link IOException} naming the position, because skipping it would silently lose topics.
 *
 * <p>Not thread-safe: {@link MetadataStore} serializes every call.
 */
final class MetadataLog implements AutoCloseable {

    static final String FILE_NAME = "cluster-metadata.log";

    /** Largest accepted entry, far above any real record, so a damaged length is not taken for a huge entry. */
    static final int MAX_ENTRY_BYTES = 16 * 1024 * 1024;

    private static final int HEADER_BYTES = 8;
    private static final Logger log = LoggerFactory.getLogger(MetadataLog.class);

    private final Path file;
    private final FileChannel channel;
    private long size;

    private MetadataLog(Path file, FileChannel channel, long size) {
        this.file = file;
        this.channel = channel;
        this.size = size;
    }

    /**
     * Opens (or creates) the log in {@code dataDir} and returns it with the records it contains.
     *
     * @throws IOException if the file cannot be read or contains a damaged entry before its end
     */
    static MetadataLog open(Path dataDir, List<MetadataRecord> replayed) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE_NAME);
        // A leftover temporary file is an unfinished rewrite, and the target is still the complete old log.
        Files.deleteIfExists(file.resolveSibling(FILE_NAME + AtomicFile.TEMP_SUFFIX));
        boolean created = !Files.exists(file);
        FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        try {
            if (created) {
                forceDirectory(dataDir);
            }
            long validSize = replay(file, channel, replayed);
            if (validSize < channel.size()) {
                log.warn("[MetadataLog {}] Truncating a torn entry at position {} ({} bytes)", file, validSize,
                        channel.size() - validSize);
                channel.truncate(validSize);
                channel.force(true);
            }
            return new MetadataLog(file, channel, validSize);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /**
     * Replaces the whole file with {@code records} atomically (a crash leaves either the old or the new
     * file) and returns the log reopened on the new file. This log is closed.
     */
    MetadataLog rewrite(List<MetadataRecord> records) throws IOException {
        int size = 0;
        List<ByteBuffer> entries = new ArrayList<>(records.size());
        for (MetadataRecord record : records) {
            ByteBuffer entry = encode(record);
            entries.add(entry);
            size += entry.remaining();
        }
        ByteBuffer content = ByteBuffer.allocate(size);
        for (ByteBuffer entry : entries) {
            content.put(entry);
        }
        channel.close();
        new AtomicFile(file, FileSync.system()).write(content.array());
        FileChannel reopened = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        return new MetadataLog(file, reopened, reopened.size());
    }

    /** Appends a record and forces it to disk; on failure the file is cut back to its previous size. */
    void append(MetadataRecord record) throws IOException {
        ByteBuffer entry = encode(record);
        long position = size;
        try {
            while (entry.hasRemaining()) {
                position += channel.write(entry, position);
            }
            channel.force(false);
            size = position;
        } catch (IOException e) {
            try {
                channel.truncate(size);
            } catch (IOException truncateFailure) {
                e.addSuppressed(truncateFailure);
            }
            throw e;
        }
    }

    Path file() {
        return file;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    static ByteBuffer encode(MetadataRecord record) {
        int length = 5 + record.payloadSize();
        ByteBuffer entry = ByteBuffer.allocate(4 + length);
        entry.putInt(length);
        entry.putInt(0);
        entry.put(record.type());
        record.writePayload(entry);
        entry.putInt(4, checksum(entry, HEADER_BYTES, length - 4));
        return entry.flip();
    }

    private static long replay(Path file, FileChannel channel, List<MetadataRecord> replayed) throws IOException {
        long fileSize = channel.size();
        long position = 0;
        ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES);
        while (position < fileSize) {
            if (fileSize - position < HEADER_BYTES) {
                return position;
            }
            readFully(channel, header.clear(), position);
            int length = header.getInt(0);
            int crc = header.getInt(4);
            if (length < 5 || length > MAX_ENTRY_BYTES) {
                boolean zeroFilled = onlyZerosFrom(channel, position, fileSize);
                return damagedEntry(file, position, zeroFilled ? fileSize : -1, "invalid length " + length);
            }
            if (position + 4 + length > fileSize) {
                return damagedEntry(file, position, fileSize, "entry ends after the end of the file");
            }
            ByteBuffer body = ByteBuffer.allocate(length - 4);
            readFully(channel, body, position + HEADER_BYTES);
            if (checksum(body, 0, body.remaining()) != crc) {
                return damagedEntry(file, position, position + 4 + length == fileSize ? fileSize : -1,
                        "checksum mismatch");
            }
            byte type = body.get();
            try {
                replayed.add(MetadataRecord.read(type, body.slice()));
            } catch (IllegalArgumentException e) {
                throw new IOException("Corrupt metadata log " + file + " at position " + position + ": "
                        + e.getMessage(), e);
            }
            position += 4 + length;
        }
        return position;
    }

    /**
     * Returns the position to truncate to for a damaged entry at the end of the file, or throws if data
     * follows it. {@code endOfFile} is the file size when nothing follows the entry, otherwise -1.
     */
    private static long damagedEntry(Path file, long position, long endOfFile, String reason) throws IOException {
        if (endOfFile < 0) {
            throw new IOException("Corrupt metadata log " + file + " at position " + position + ": " + reason
                    + " in an entry followed by more data; restore the file from a backup or remove the "
                    + "damaged entry by hand");
        }
        return position;
    }

    private static int checksum(ByteBuffer buffer, int offset, int length) {
        CRC32C crc = new CRC32C();
        crc.update(buffer.duplicate().position(offset).limit(offset + length));
        return (int) crc.getValue();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position + buffer.position());
            if (read < 0) {
                throw new IOException("Unexpected end of metadata log at position " + position);
            }
        }
        buffer.flip();
    }

    private static void forceDirectory(Path dir) throws IOException {
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }

    /** Returns true if every byte from {@code position} to the end is zero, as after a crash that extended the file. */
    private static boolean onlyZerosFrom(FileChannel channel, long position, long fileSize) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate(8192);
        for (long at = position; at < fileSize; at += chunk.limit()) {
            chunk.clear().limit((int) Math.min(chunk.capacity(), fileSize - at));
            readFully(channel, chunk, at);
            while (chunk.hasRemaining()) {
                if (chunk.get() != 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
