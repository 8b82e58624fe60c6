package io.tributary.bench;

import io.tributary.storage.file.FileSync;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/**
 * A {@link FileSync} that forces nothing, so a benchmark measures the write to the page cache and
 * the bookkeeping around it without the disk's fsync latency. Data written through it is not
 * crash-safe.
 */
final class NoOpFileSync implements FileSync {

    static final NoOpFileSync INSTANCE = new NoOpFileSync();

    private NoOpFileSync() {
    }

    @Override
    public void force(FileChannel channel) {
    }

    @Override
    public void syncDirectory(Path directory) {
    }
}
