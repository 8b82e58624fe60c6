package io.tributary.broker.topic;

import io.tributary.broker.PartitionLogs;
import io.tributary.broker.metadata.MetadataImage;
import io.tributary.broker.metadata.MetadataStore;
import io.tributary.broker.metadata.TopicImage;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.DeleteRecordsRequest;
import io.tributary.protocol.message.DeleteRecordsResponse;
import io.tributary.storage.Log;
import io.tributary.storage.OffsetOutOfRangeException;
import io.tributary.storage.StorageException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles DeleteRecords: raises each partition's log start offset to the requested offset, or to the
 * high watermark for offset -1, so that the records below it are no longer returned and the
 * segments below it are deleted. The new log start offset is forced to the disk before the response.
 * The low watermark returned is the log start offset after the request, which may be higher than the
 * requested offset. A partition named twice gets one result, for the offset that appears last, as
 * in Kafka.
 *
 * <p>Per-partition errors, each with low watermark -1: UNKNOWN_TOPIC_OR_PARTITION (unknown topic or
 * partition, including the internal topics, which are not in the topic metadata),
 * OFFSET_OUT_OF_RANGE (offset below -1 or above the high watermark), KAFKA_STORAGE_ERROR (log
 * offline or checkpoint write failed).
 *
 * <p>Thread-safe; it keeps no state.
 */
public final class DeleteRecordsHandler {

    private static final Logger log = LoggerFactory.getLogger(DeleteRecordsHandler.class);

    private final MetadataStore metadata;
    private final PartitionLogs logs;

    public DeleteRecordsHandler(MetadataStore metadata, PartitionLogs logs) {
        this.metadata = metadata;
        this.logs = logs;
    }

    public DeleteRecordsResponse handle(DeleteRecordsRequest request) {
        MetadataImage image = metadata.image();
        List<DeleteRecordsResponse.Topic> topics = new ArrayList<>();
        for (Map.Entry<String, Map<Integer, Long>> topic : offsetsByTopic(request).entrySet()) {
            Optional<TopicImage> found = image.topic(topic.getKey());
            List<DeleteRecordsResponse.Partition> partitions = new ArrayList<>();
            for (Map.Entry<Integer, Long> partition : topic.getValue().entrySet()) {
                partitions.add(deleteRecords(found, topic.getKey(), partition.getKey(), partition.getValue()));
            }
            topics.add(new DeleteRecordsResponse.Topic(topic.getKey(), partitions));
        }
        return new DeleteRecordsResponse(0, topics);
    }

    /**
     * Groups the requested offsets by topic and partition in request order. A repeated partition keeps
     * its last offset.
     */
    private static Map<String, Map<Integer, Long>> offsetsByTopic(DeleteRecordsRequest request) {
        Map<String, Map<Integer, Long>> offsets = new LinkedHashMap<>();
        for (DeleteRecordsRequest.Topic topic : request.topics()) {
            Map<Integer, Long> partitions = offsets.computeIfAbsent(topic.name(), name -> new LinkedHashMap<>());
            for (DeleteRecordsRequest.Partition partition : topic.partitions()) {
                partitions.put(partition.partition(), partition.offset());
            }
        }
        return offsets;
    }

    private DeleteRecordsResponse.Partition deleteRecords(Optional<TopicImage> topic, String topicName, int partition,
                                                          long offset) {
        Optional<Log> partitionLog = topic.flatMap(found -> logs.log(found, partition));
        if (partitionLog.isEmpty()) {
            return failed(partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        }
        Log target = partitionLog.get();
        long newLogStartOffset = offset == DeleteRecordsRequest.HIGH_WATERMARK ? target.highWatermark() : offset;
        try {
            long lowWatermark = target.maybeIncrementLogStartOffset(newLogStartOffset);
            return new DeleteRecordsResponse.Partition(partition, lowWatermark, ErrorCode.NONE);
        } catch (OffsetOutOfRangeException e) {
            log.debug("[DeleteRecords {}-{}] {}", topicName, partition, e.getMessage());
            return failed(partition, ErrorCode.OFFSET_OUT_OF_RANGE);
        } catch (StorageException e) {
            log.error("[DeleteRecords {}-{}] Failed to delete records before offset {}", topicName, partition,
                    newLogStartOffset, e);
            return failed(partition, ErrorCode.KAFKA_STORAGE_ERROR);
        }
    }

    private static DeleteRecordsResponse.Partition failed(int partition, ErrorCode error) {
        return new DeleteRecordsResponse.Partition(partition, DeleteRecordsResponse.INVALID_LOW_WATERMARK, error);
    }
}
