package io.tributary.protocol.records;

/**
 * The facts about one validated record batch that the broker needs to append it.
 *
 * @param position             the batch's first byte within the validated buffer, relative to its position
 * @param sizeInBytes          the batch's size including the 12-byte offset and length prefix
 * @param baseOffset           the base offset the client wrote, which is 0 for a valid client batch
 * @param lastOffsetDelta      the offset of the last record relative to the base offset
 * @param recordCount          the number of records, equal to {@code lastOffsetDelta + 1}
 * @param partitionLeaderEpoch the leader epoch the client wrote; the broker overwrites it
 * @param producerId           the producer id, or -1 for a producer that is not idempotent
 * @param producerEpoch        the producer epoch, or -1
 * @param baseSequence         the sequence number of the first record, or -1
 * @param compression          the codec of the records section
 * @param timestampType        the type stored in the batch attributes
 * @param baseTimestamp        the batch's first timestamp, which record timestamp deltas are relative to
 * @param maxTimestamp         the largest record timestamp, computed from the records, or -1 if none has one
 * @param transactional        whether the batch belongs to a transaction
 * @param control              whether the batch contains control records (always false after validation
 *                             succeeds, because clients may not write control batches)
 */
public record BatchInfo(int position, int sizeInBytes, long baseOffset, int lastOffsetDelta, int recordCount,
                        int partitionLeaderEpoch, long producerId, short producerEpoch, int baseSequence,
                        CompressionCodec compression, TimestampType timestampType, long baseTimestamp,
                        long maxTimestamp, boolean transactional, boolean control) {

    /** Returns whether the batch comes from an idempotent or transactional producer. */
    public boolean hasProducerId() {
        return producerId >= 0;
    }

    /** Returns the sequence number of the last record, wrapping at {@code Integer.MAX_VALUE} like Kafka. */
    public int lastSequence() {
        if (baseSequence < 0) {
            return -1;
        }
        long last = (long) baseSequence + lastOffsetDelta;
        return (int) (last > Integer.MAX_VALUE ? last - Integer.MAX_VALUE - 1 : last);
    }
}
