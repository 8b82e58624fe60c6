package io.tributary.broker.fetch;

import io.tributary.broker.PartitionLogs;
import io.tributary.broker.metadata.MetadataImage;
import io.tributary.broker.metadata.MetadataStore;
import io.tributary.broker.metadata.TopicImage;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ListOffsetsRequest;
import io.tributary.protocol.message.ListOffsetsResponse;
import io.tributary.storage.Log;
import io.tributary.storage.TimestampAndOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles ListOffsets. The special timestamps are:
 * <ul>
 *   <li>-1 latest: the high watermark. It is also the last stable offset because Tributary has no
 *       transactions, so both isolation levels get the same offset.</li>
 *   <li>-2 earliest and -4 earliest local: the log start offset, because all data is local.</li>
 *   <li>-3: the record with the largest timestamp.</li>
 *   <li>-5 latest tiered: offset -1, because nothing is tiered.</li>
 * </ul>
 * A timestamp of 0 or more returns the first offset whose record timestamp is at least that value, or
 * offset -1 if no such record lies below the high watermark.
 *
 * <p>Per-partition errors: INVALID_REQUEST (partition named twice), UNKNOWN_TOPIC_OR_PARTITION,
 * UNKNOWN_LEADER_EPOCH, FENCED_LEADER_EPOCH, KAFKA_STORAGE_ERROR.
 */
public final class ListOffsetsHandler {

    static final long LATEST = -1;
    static final long EARLIEST = -2;
    static final long MAX_TIMESTAMP = -3;
    static final long EARLIEST_LOCAL = -4;
    static final long LATEST_TIERED = -5;

    private static final Logger log = LoggerFactory.getLogger(ListOffsetsHandler.class);

    private final MetadataStore metadata;
    private final PartitionLogs logs;

    public ListOffsetsHandler(MetadataStore metadata, PartitionLogs logs) {
        this.metadata = metadata;
        this.logs = logs;
    }

    public ListOffsetsResponse handle(ListOffsetsRequest request) {
        MetadataImage image = metadata.image();
        Set<String> seen = new HashSet<>();
        Set<String> duplicates = new HashSet<>();
        for (ListOffsetsRequest.Topic topic : request.topics()) {
            for (ListOffsetsRequest.Partition partition : topic.partitions()) {
                String key = topic.name() + "-" + partition.partition();
                if (!seen.add(key)) {
                    duplicates.add(key);
                }
            }
        }
        List<ListOffsetsResponse.Topic> topics = new ArrayList<>();
        for (ListOffsetsRequest.Topic topic : request.topics()) {
            Optional<TopicImage> found = image.topic(topic.name());
            List<ListOffsetsResponse.Partition> partitions = new ArrayList<>();
            for (ListOffsetsRequest.Partition partition : topic.partitions()) {
                if (duplicates.contains(topic.name() + "-" + partition.partition())) {
                    partitions.add(failed(partition.partition(), ErrorCode.INVALID_REQUEST));
                } else {
                    partitions.add(listOffset(found, partition));
                }
            }
            topics.add(new ListOffsetsResponse.Topic(topic.name(), partitions));
        }
        return new ListOffsetsResponse(0, topics);
    }

    private ListOffsetsResponse.Partition listOffset(Optional<TopicImage> topic, ListOffsetsRequest.Partition request) {
        int partition = request.partition();
        Optional<Log> partitionLog = topic.flatMap(found -> logs.log(found, partition));
        if (partitionLog.isEmpty()) {
            return failed(partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        }
        ErrorCode epochError = FetchReader.checkLeaderEpoch(request.currentLeaderEpoch());
        if (epochError != ErrorCode.NONE) {
            return failed(partition, epochError);
        }
        try {
            return lookup(partitionLog.get(), partition, request.timestamp());
        } catch (RuntimeException e) {
            log.error("[ListOffsets {}-{}] Lookup of timestamp {} failed", partitionLog.get().topic(), partition,
                    request.timestamp(), e);
            return failed(partition, ErrorCode.KAFKA_STORAGE_ERROR);
        }
    }

    private static ListOffsetsResponse.Partition lookup(Log partitionLog, int partition, long timestamp) {
        long highWatermark = partitionLog.highWatermark();
        if (timestamp == LATEST) {
            return found(partition, -1, highWatermark);
        }
        if (timestamp == EARLIEST || timestamp == EARLIEST_LOCAL) {
            return found(partition, -1, partitionLog.logStartOffset());
        }
        if (timestamp == MAX_TIMESTAMP) {
            return visible(partition, partitionLog.maxTimestampAndOffset(), highWatermark);
        }
        if (timestamp < 0) {
            return notFound(partition);
        }
        return visible(partition, partitionLog.offsetForTimestamp(timestamp), highWatermark);
    }

    private static ListOffsetsResponse.Partition visible(int partition, Optional<TimestampAndOffset> result,
                                                         long highWatermark) {
        if (result.isEmpty() || result.get().offset() >= highWatermark) {
            return notFound(partition);
        }
        return new ListOffsetsResponse.Partition(partition, ErrorCode.NONE, result.get().timestamp(),
                result.get().offset(), Math.max(result.get().leaderEpoch(), FetchReader.LEADER_EPOCH));
    }

    private static ListOffsetsResponse.Partition found(int partition, long timestamp, long offset) {
        return new ListOffsetsResponse.Partition(partition, ErrorCode.NONE, timestamp, offset, FetchReader.LEADER_EPOCH);
    }

    private static ListOffsetsResponse.Partition notFound(int partition) {
        return new ListOffsetsResponse.Partition(partition, ErrorCode.NONE, -1, -1, -1);
    }

    private static ListOffsetsResponse.Partition failed(int partition, ErrorCode error) {
        return new ListOffsetsResponse.Partition(partition, error, -1, -1, -1);
    }
}
