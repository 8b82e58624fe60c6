package io.tributary.storage;

/**
 * Failure of the file system under a log: an I/O error, a failed force, or a log used after close.
 * Maps to the Kafka error {@code KAFKA_STORAGE_ERROR}.
 */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
