package io.tributary.storage.record;

import java.util.List;

/**
 * One record read from an uncompressed batch, with its absolute offset and timestamp.
 *
 * @param offset    base offset plus the record's offset delta
 * @param timestamp base timestamp plus the record's timestamp delta, or the batch's max timestamp
 *                  when the batch uses LogAppendTime
 * @param key       key bytes, or null
 * @param value     value bytes, or null
 * @param headers   headers in stored order
 */
public record Record(long offset, long timestamp, byte[] key, byte[] value, List<RecordHeader> headers) {
}
