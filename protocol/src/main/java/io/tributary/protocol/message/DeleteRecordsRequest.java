package io.tributary.protocol.message;

import java.util.List;

/**
 * DeleteRecords request: for each partition, the offset before which records are deleted, or -1
 * for the high watermark.
 */
public record DeleteRecordsRequest(List<Topic> topics, int timeoutMs) implements ApiRequest {

    /** The offset that requests deletion up to the partition's high watermark. */
    public static final long HIGH_WATERMARK = -1L;

    public record Topic(String name, List<Partition> partitions) {
    }

    public record Partition(int partition, long offset) {
    }
}
