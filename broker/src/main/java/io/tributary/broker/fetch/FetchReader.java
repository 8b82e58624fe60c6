package io.tributary.broker.fetch;

import io.tributary.broker.PartitionLogs;
import io.tributary.broker.metadata.MetadataImage;
import io.tributary.broker.metadata.MetadataStore;
import io.tributary.broker.metadata.TopicImage;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.RecordsPayload;
import io.tributary.storage.FileSlice;
import io.tributary.storage.Log;
import io.tributary.storage.OffsetOutOfRangeException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the partitions of a fetch within the request's byte limits. The first partition that has data
 * returns at least one whole batch even if that batch exceeds the limits, so a consumer always makes
 * progress. Each later partition gets at most the smaller of its own limit and what remains of the
 * response limit. A fetch offset inside a batch returns that whole batch.
 *
 * <p>Thread-safe; it keeps no state.
 */
final class FetchReader {

    /** The only leader epoch of every partition on a single node. */
    static final int LEADER_EPOCH = 0;

    private static final Logger log = LoggerFactory.getLogger(FetchReader.class);

    private final MetadataStore metadata;
    private final PartitionLogs logs;

    FetchReader(MetadataStore metadata, PartitionLogs logs) {
        this.metadata = metadata;
        this.logs = logs;
    }

    /**
     * The data read for a fetch.
     *
     * @param partitions every partition with its response entry, in fetch order
     * @param bytes      total record bytes read
     * @param anyError   true if some partition has an error
     * @param logs       the logs of the partitions that were read without error
     */
    record ReadResult(Map<PartitionKey, FetchResponse.PartitionData> partitions, long bytes, boolean anyError,
                      List<Log> logs) {

        /** Releases the file slices read, for a result that is not put into a response. */
        void release() {
            for (FetchResponse.PartitionData partition : partitions.values()) {
                partition.records().release();
            }
        }
    }

    /**
     * Reads every partition. The caller owns the returned file slices: it puts them into a response, which
     * passes them to the network layer, or calls {@link ReadResult#release()}.
     *
     * <p>Per-partition errors: UNKNOWN_TOPIC_OR_PARTITION, UNKNOWN_TOPIC_ID (v13+), UNKNOWN_LEADER_EPOCH
     * (epoch above 0), FENCED_LEADER_EPOCH (epoch below 0 other than -1), OFFSET_OUT_OF_RANGE,
     * KAFKA_STORAGE_ERROR.
     */
    ReadResult read(List<PartitionFetch> fetches, int responseMaxBytes) {
        MetadataImage image = metadata.image();
        Map<PartitionKey, FetchResponse.PartitionData> data = new LinkedHashMap<>();
        List<Log> readLogs = new ArrayList<>();
        long remaining = Math.max(0, responseMaxBytes);
        long bytes = 0;
        boolean anyError = false;
        boolean minOneBatch = true;
        for (PartitionFetch fetch : fetches) {
            PartitionKey key = fetch.key();
            Optional<TopicImage> topic = key.usesTopicId() ? image.topic(key.topicId()) : image.topic(key.topic());
            ErrorCode error = checkPartition(key, topic, fetch.currentLeaderEpoch());
            if (error != ErrorCode.NONE) {
                data.put(key, failed(key.partition(), error));
                anyError = true;
                continue;
            }
            Optional<Log> partitionLog = logs.log(topic.get(), key.partition());
            if (partitionLog.isEmpty()) {
                data.put(key, failed(key.partition(), ErrorCode.UNKNOWN_TOPIC_OR_PARTITION));
                anyError = true;
                continue;
            }
            int maxBytes = (int) Math.min(Math.max(0, fetch.partitionMaxBytes()), remaining);
            FetchResponse.PartitionData read = readPartition(partitionLog.get(), fetch, maxBytes, minOneBatch);
            data.put(key, read);
            if (read.error() != ErrorCode.NONE) {
                anyError = true;
                continue;
            }
            readLogs.add(partitionLog.get());
            int size = read.records().sizeInBytes();
            if (size > 0) {
                minOneBatch = false;
                bytes += size;
                remaining = Math.max(0, remaining - size);
            }
        }
        return new ReadResult(data, bytes, anyError, readLogs);
    }

    private static ErrorCode checkPartition(PartitionKey key, Optional<TopicImage> topic, int currentLeaderEpoch) {
        if (topic.isEmpty()) {
            return key.usesTopicId() ? ErrorCode.UNKNOWN_TOPIC_ID : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        }
        if (!topic.get().hasPartition(key.partition())) {
            return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        }
        return checkLeaderEpoch(currentLeaderEpoch);
    }

    /** Returns the error for a client's current leader epoch; -1 means the client skips the check. */
    static ErrorCode checkLeaderEpoch(int currentLeaderEpoch) {
        if (currentLeaderEpoch == -1 || currentLeaderEpoch == LEADER_EPOCH) {
            return ErrorCode.NONE;
        }
        return currentLeaderEpoch > LEADER_EPOCH ? ErrorCode.UNKNOWN_LEADER_EPOCH : ErrorCode.FENCED_LEADER_EPOCH;
    }

    private static FetchResponse.PartitionData readPartition(Log partitionLog, PartitionFetch fetch, int maxBytes,
                                                             boolean minOneBatch) {
        int partition = fetch.key().partition();
        long highWatermark = partitionLog.highWatermark();
        long logStartOffset = partitionLog.logStartOffset();
        if (maxBytes == 0 && !minOneBatch) {
            return new FetchResponse.PartitionData(partition, ErrorCode.NONE, highWatermark, highWatermark,
                    logStartOffset, -1, RecordsPayload.EMPTY);
        }
        try {
            FileSlice slice = partitionLog.read(fetch.fetchOffset(), maxBytes, minOneBatch);
            return new FetchResponse.PartitionData(partition, ErrorCode.NONE, slice.highWatermark(),
                    slice.highWatermark(), logStartOffset, -1, payload(slice));
        } catch (OffsetOutOfRangeException e) {
            // Read again: DeleteRecords may have raised the log start offset during the read
            return new FetchResponse.PartitionData(partition, ErrorCode.OFFSET_OUT_OF_RANGE, highWatermark,
                    highWatermark, partitionLog.logStartOffset(), -1, RecordsPayload.EMPTY);
        } catch (RuntimeException e) {
            log.error("[Fetch {}-{}] Read at offset {} failed", partitionLog.topic(), partition, fetch.fetchOffset(), e);
            return failed(partition, ErrorCode.KAFKA_STORAGE_ERROR);
        }
    }

    /**
     * Returns the slice as a range of its open segment file, which the network layer sends with zero copies.
     * The payload takes over storage's slice: releasing the payload closes the slice, so the segment stays
     * readable until the bytes were sent, even if the topic is deleted in between.
     */
    private static RecordsPayload payload(FileSlice slice) {
        if (slice.isEmpty()) {
            slice.close();
            return RecordsPayload.EMPTY;
        }
        return new RecordsPayload.FileSlice(slice.channel(), slice.position(), slice.size(), slice::close);
    }

    static FetchResponse.PartitionData failed(int partition, ErrorCode error) {
        return new FetchResponse.PartitionData(partition, error, -1, -1, -1, -1, RecordsPayload.EMPTY);
    }
}
