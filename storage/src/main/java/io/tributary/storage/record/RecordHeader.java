package io.tributary.storage.record;

/**
 * A record header: a string key and a value that may be null.
 *
 * @param key   header key, never null
 * @param value header value bytes, or null
 */
public record RecordHeader(String key, byte[] value) {

    public RecordHeader {
        if (key == null) {
            throw new IllegalArgumentException("Record header key must not be null");
        }
    }
}
