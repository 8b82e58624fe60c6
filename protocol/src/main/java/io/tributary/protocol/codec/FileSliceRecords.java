package io.tributary.protocol.codec;

import io.tributary.protocol.message.RecordsPayload;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.RecordsSend;

/**
 * Record data that stays in a segment file until it is sent. The generated Fetch writer only needs its
 * size to compute length prefixes; {@link FrameWritable} turns it into a Netty {@code FileRegion}.
 */
record FileSliceRecords(RecordsPayload.FileSlice slice) implements BaseRecords {

    @Override
    public int sizeInBytes() {
        return slice.size();
    }

    /** Not supported: Tributary sends file slices through Netty, never through Kafka's network layer. */
    @Override
    public RecordsSend<? extends BaseRecords> toSend() {
        throw new UnsupportedOperationException("file slices are sent as Netty file regions");
    }
}
