package io.tributary.storage.segment;

/** An index file fails a sanity check; the loader rebuilds it from the log. */
public class CorruptIndexException extends RuntimeException {

    public CorruptIndexException(String message) {
        super(message);
    }
}
