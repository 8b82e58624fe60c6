package io.tributary.protocol.records;

import java.nio.ByteBuffer;

/**
 * Rewrites the header fields of a validated magic 2 batch that the broker owns, the way Kafka's log
 * does before an append: base offset, partition leader epoch and max timestamp, then the CRC. The
 * records themselves are not touched, so compressed batches are appended without recompression.
 * Field offsets are those of the layout in {@link BatchValidator}. Stateless and thread-safe, but the
 * caller must not write one buffer from two threads.
 */
public final class BatchHeaders {

    private static final short TIMESTAMP_TYPE_BIT = 0x08;

    private BatchHeaders() {
    }

    /**
     * Assigns the broker's values to the batch that starts at {@code batch.position()} and recomputes its CRC.
     *
     * @param batch             one whole batch, from position to limit, writable
     * @param baseOffset        the log offset of the batch's first record
     * @param leaderEpoch       the partition leader epoch of the append
     * @param topicType         the topic's {@code message.timestamp.type}
     * @param maxTimestamp      for CreateTime, the largest record timestamp from {@link BatchInfo#maxTimestamp()}
     * @param logAppendTimeMs   for LogAppendTime, the broker's append time, which becomes the max timestamp
     */
    public static void assignBrokerFields(ByteBuffer batch, long baseOffset, int leaderEpoch, TimestampType topicType,
                                          long maxTimestamp, long logAppendTimeMs) {
        ByteBuffer view = batch.slice();
        view.putLong(0, baseOffset);
        view.putInt(BatchValidator.PARTITION_LEADER_EPOCH_OFFSET, leaderEpoch);

        short attributes = view.getShort(BatchValidator.ATTRIBUTES_OFFSET);
        if (topicType == TimestampType.LOG_APPEND_TIME) {
            view.putShort(BatchValidator.ATTRIBUTES_OFFSET, (short) (attributes | TIMESTAMP_TYPE_BIT));
            view.putLong(BatchValidator.MAX_TIMESTAMP_OFFSET, logAppendTimeMs);
        } else {
            view.putShort(BatchValidator.ATTRIBUTES_OFFSET, (short) (attributes & ~TIMESTAMP_TYPE_BIT));
            view.putLong(BatchValidator.MAX_TIMESTAMP_OFFSET, maxTimestamp);
        }

        view.putInt(BatchValidator.CRC_OFFSET, (int) BatchValidator.computeCrc(view));
    }
}
