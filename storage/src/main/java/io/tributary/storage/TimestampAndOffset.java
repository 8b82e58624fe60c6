package io.tributary.storage;

/**
 * A record's timestamp and offset, as returned by timestamp lookups.
 *
 * @param timestamp   record timestamp in milliseconds
 * @param offset      record offset
 * @param leaderEpoch partition leader epoch of the batch holding the record
 */
public record TimestampAndOffset(long timestamp, long offset, int leaderEpoch) {
}
