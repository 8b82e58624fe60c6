package io.tributary.storage.segment;

import io.tributary.storage.file.FileSync;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * A sparse index file of fixed-size entries sorted by key, each mapping a key (a relative offset or
 * a timestamp) to an int value (a file position or a relative offset). Entries are kept in memory
 * for lookups and appended to the file with positional writes. The file is not preallocated, so
 * its size is a whole number of entries unless a crash tore the last write.
 *
 * <p>The file is opened only while the index is written: loading reads it through a channel that is
 * closed again, and the channel for appends is opened by the first write. A broker with many idle
 * partitions so keeps one descriptor per segment, the log file's, and not three.
 *
 * <p>Not thread-safe: the owning {@link LogSegment} appends under its log's lock. Lookups may run
 * concurrently with appends because entries are published only after their arrays are written and
 * the entry count is volatile. {@link #flush} may run on another thread, so the channel is volatile.
 */
abstract class IndexFile implements Closeable {

    private final Path path;
    private volatile FileChannel channel;
    private final int entrySize;
    private final int maxEntries;
    private long[] keys;
    private int[] values;
    private volatile int entries;

    IndexFile(Path path, int entrySize, int maxIndexBytes) throws IOException {
        this.path = path;
        this.entrySize = entrySize;
        this.maxEntries = Math.max(1, maxIndexBytes / entrySize);
        if (!Files.exists(path)) {
            Files.createFile(path);
        }
        this.keys = new long[16];
        this.values = new int[16];
    }

    /** Encodes one entry at the buffer's position. */
    abstract void writeEntry(ByteBuffer buffer, long key, int value);

    abstract long readKey(ByteBuffer buffer);

    abstract int readValue(ByteBuffer buffer);

    /** Reads every entry of the file into memory; the caller then checks them. */
    final void loadEntries() throws IOException {
        FileChannel open = channel;
        if (open != null) {
            load(open);
            return;
        }
        try (FileChannel reader = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            load(reader);
        }
    }

    private void load(FileChannel file) throws IOException {
        long fileSize = file.size();
        if (fileSize % entrySize != 0) {
            throw new CorruptIndexException(path + " has size " + fileSize + ", not a multiple of " + entrySize);
        }
        int count = (int) Math.min(fileSize / entrySize, maxEntries);
        ByteBuffer buffer = ByteBuffer.allocate(count * entrySize);
        while (buffer.hasRemaining()) {
            if (file.read(buffer, buffer.position()) < 0) {
                throw new CorruptIndexException(path + " ended while reading");
            }
        }
        buffer.flip();
        keys = new long[Math.max(16, count)];
        values = new int[Math.max(16, count)];
        for (int i = 0; i < count; i++) {
            keys[i] = readKey(buffer);
            values[i] = readValue(buffer);
        }
        entries = count;
        if (fileSize / entrySize > count) {
            file.truncate((long) count * entrySize);
        }
    }

    /** Appends an entry in memory and in the file. The key must not be below the last key. */
    final void appendEntry(long key, int value) throws IOException {
        int slot = entries;
        if (slot >= maxEntries) {
            throw new IllegalStateException("Index " + path + " is full with " + slot + " entries");
        }
        if (slot == keys.length) {
            keys = Arrays.copyOf(keys, slot * 2);
            values = Arrays.copyOf(values, slot * 2);
        }
        keys[slot] = key;
        values[slot] = value;

        ByteBuffer buffer = ByteBuffer.allocate(entrySize);
        writeEntry(buffer, key, value);
        buffer.flip();
        long filePosition = (long) slot * entrySize;
        FileChannel writer = writableChannel();
        while (buffer.hasRemaining()) {
            writer.write(buffer, filePosition + buffer.position());
        }
        entries = slot + 1;
    }

    /** Returns the slot of the largest key not above {@code key}, or -1 if every key is larger. */
    final int floorSlot(long key) {
        int low = 0;
        int high = entries - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (keys[mid] <= key) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    final long keyAt(int slot) {
        return keys[slot];
    }

    final int valueAt(int slot) {
        return values[slot];
    }

    final int entries() {
        return entries;
    }

    final boolean isFull() {
        return entries >= maxEntries;
    }

    final Path path() {
        return path;
    }

    /** Removes every entry, in memory and on disk. */
    final void clear() throws IOException {
        entries = 0;
        FileChannel open = channel;
        if (open != null) {
            open.truncate(0);
        } else if (Files.size(path) > 0) {
            try (FileChannel truncating = FileChannel.open(path, StandardOpenOption.WRITE)) {
                truncating.truncate(0);
            }
        }
    }

    /** Forces written entries to disk; an index that was never written since it was loaded has none. */
    final void flush(FileSync fileSync) throws IOException {
        FileChannel open = channel;
        if (open != null) {
            fileSync.force(open);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        FileChannel open = channel;
        channel = null;
        if (open != null) {
            open.close();
        }
    }

    /** Returns the channel for writes, opening it on first use. Called under the owning log's lock. */
    private synchronized FileChannel writableChannel() throws IOException {
        FileChannel open = channel;
        if (open == null) {
            open = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            channel = open;
        }
        return open;
    }

    final void deleteFile() throws IOException {
        close();
        Files.deleteIfExists(path);
    }
}
