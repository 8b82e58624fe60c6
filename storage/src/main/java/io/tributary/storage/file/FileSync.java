package io.tributary.storage.file;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The single place where storage forces data to the disk. Every {@code FileChannel.force} and every
 * directory sync of the storage module goes through an instance of this interface, so tests can
 * count, delay or block forces.
 *
 * <p>Implementations must be thread-safe.
 */
public interface FileSync {

    /** Forces the file's content (not its metadata other than size) to the disk. */
    void force(FileChannel channel) throws IOException;

    /**
     * Forces a directory's entries to the disk so that files created, renamed or deleted in it
     * survive a crash.
     */
    void syncDirectory(Path directory) throws IOException;

    /** Returns the implementation that calls the operating system. */
    static FileSync system() {
        return SystemFileSync.INSTANCE;
    }

    /** Forces with {@code FileChannel.force(false)} and syncs directories by forcing a read-only channel. */
    final class SystemFileSync implements FileSync {

        static final SystemFileSync INSTANCE = new SystemFileSync();

        private SystemFileSync() {
        }

        @Override
        public void force(FileChannel channel) throws IOException {
            channel.force(false);
        }

        @Override
        public void syncDirectory(Path directory) throws IOException {
            // Linux syncs a directory's entries through fsync on a descriptor opened read-only.
            try (FileChannel dir = FileChannel.open(directory, StandardOpenOption.READ)) {
                dir.force(true);
            }
        }
    }
}
