package io.tributary.storage.producer;

/**
 * Sequence numbers and offsets of one batch written by an idempotent producer.
 *
 * @param firstSequence base sequence of the batch
 * @param lastSequence  sequence of the batch's last record
 * @param firstOffset   offset of the first record
 * @param lastOffset    offset of the last record
 * @param timestamp     the batch's max timestamp
 */
public record BatchMetadata(int firstSequence, int lastSequence, long firstOffset, long lastOffset, long timestamp) {
}
