package io.tributary.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * Replaces a small file so that after a crash it contains either the old or the new content, never a
 * mix: the content goes to {@code <name>.tmp}, is forced, renamed over the target, and the parent
 * directory is synced.
 *
 * <p>Thread-safe for different targets. Concurrent writers of one target must synchronize
 * themselves, because they share the temporary file.
 */
public final class AtomicFile {

    /** Suffix of the temporary file; a leftover one is an unfinished write and may be deleted. */
    public static final String TEMP_SUFFIX = ".tmp";

    private final Path target;
    private final FileSync fileSync;

    public AtomicFile(Path target, FileSync fileSync) {
        this.target = target;
        this.fileSync = fileSync;
    }

    public Path path() {
        return target;
    }

    /** Writes {@code content} as the new file content, durably, before returning. */
    public void write(byte[] content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            fileSync.force(channel);
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        fileSync.syncDirectory(target.toAbsolutePath().getParent());
    }

    /**
     * Writes {@code content} through the temporary file and the rename but forces neither, for a file whose
     * durability a later {@link #forceIfExists} provides. Until then a crash may leave the old content, the
     * new one, or on some file systems an empty or partial file.
     */
    public void writeUnsynced(byte[] content) throws IOException {
        Path temp = target.resolveSibling(target.getFileName() + TEMP_SUFFIX);
        Files.write(temp, content);
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    /** Forces the content of {@code file} to disk if it exists. Syncing its directory entry is up to the caller. */
    public static void forceIfExists(Path file, FileSync fileSync) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            fileSync.force(channel);
        } catch (NoSuchFileException e) {
            // nothing to force
        }
    }

    /** Returns the current content, or empty if the file does not exist. */
    public Optional<byte[]> read() throws IOException {
        try {
            return Optional.of(Files.readAllBytes(target));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    /** Deletes the file and syncs the parent directory; does nothing if the file does not exist. */
    public void delete() throws IOException {
        if (Files.deleteIfExists(target)) {
            fileSync.syncDirectory(target.toAbsolutePath().getParent());
        }
    }
}
