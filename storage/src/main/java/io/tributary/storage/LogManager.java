package io.tributary.storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/** Owns every partition log of one data directory. */
public final class LogManager implements AutoCloseable {

    private LogManager() {
    }

    public static LogManager open(Path dataDir, LogConfig defaultConfig) throws IOException {
        throw new UnsupportedOperationException();
    }

    public Log getOrCreate(String topic, int partition, UUID topicId, LogConfig config) throws IOException {
        throw new UnsupportedOperationException();
    }

    public Optional<Log> log(String topic, int partition) {
        throw new UnsupportedOperationException();
    }

    public Collection<Log> logs() {
        throw new UnsupportedOperationException();
    }

    public boolean delete(String topic, int partition) throws IOException {
        throw new UnsupportedOperationException();
    }

    public RecoveryStats recoveryStats() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() throws IOException {
        throw new UnsupportedOperationException();
    }
}
