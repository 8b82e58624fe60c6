package io.tributary.broker.fetch;

import io.tributary.broker.PartitionLogs;
import io.tributary.broker.metadata.MetadataImage;
import io.tributary.broker.metadata.MetadataStore;
import io.tributary.broker.metadata.TopicImage;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.OffsetForLeaderEpochRequest;
import io.tributary.protocol.message.OffsetForLeaderEpochResponse;
import io.tributary.storage.Log;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Handles OffsetForLeaderEpoch. Every partition has had only leader epoch 0, so epoch 0 ends at the log end
 * offset and any other epoch is unknown (epoch -1, end offset -1), which makes a consumer that validates its
 * position after a metadata change keep it.
 *
 * <p>Per-partition errors: UNKNOWN_TOPIC_OR_PARTITION, UNKNOWN_LEADER_EPOCH, FENCED_LEADER_EPOCH.
 */
public final class OffsetForLeaderEpochHandler {

    private final MetadataStore metadata;
    private final PartitionLogs logs;

    public OffsetForLeaderEpochHandler(MetadataStore metadata, PartitionLogs logs) {
        this.metadata = metadata;
        this.logs = logs;
    }

    public OffsetForLeaderEpochResponse handle(OffsetForLeaderEpochRequest request) {
        MetadataImage image = metadata.image();
        List<OffsetForLeaderEpochResponse.Topic> topics = new ArrayList<>();
        for (OffsetForLeaderEpochRequest.Topic topic : request.topics()) {
            Optional<TopicImage> found = image.topic(topic.name());
            List<OffsetForLeaderEpochResponse.EpochEndOffset> partitions = new ArrayList<>();
            for (OffsetForLeaderEpochRequest.Partition partition : topic.partitions()) {
                partitions.add(endOffset(found, partition));
            }
            topics.add(new OffsetForLeaderEpochResponse.Topic(topic.name(), partitions));
        }
        return new OffsetForLeaderEpochResponse(0, topics);
    }

    private OffsetForLeaderEpochResponse.EpochEndOffset endOffset(Optional<TopicImage> topic,
                                                                  OffsetForLeaderEpochRequest.Partition request) {
        int partition = request.partition();
        Optional<Log> partitionLog = topic.flatMap(found -> logs.log(found, partition));
        if (partitionLog.isEmpty()) {
            return new OffsetForLeaderEpochResponse.EpochEndOffset(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, partition, -1,
                    -1);
        }
        ErrorCode epochError = FetchReader.checkLeaderEpoch(request.currentLeaderEpoch());
        if (epochError != ErrorCode.NONE) {
            return new OffsetForLeaderEpochResponse.EpochEndOffset(epochError, partition, -1, -1);
        }
        if (request.leaderEpoch() == FetchReader.LEADER_EPOCH) {
            return new OffsetForLeaderEpochResponse.EpochEndOffset(ErrorCode.NONE, partition, FetchReader.LEADER_EPOCH,
                    partitionLog.get().logEndOffset());
        }
        return new OffsetForLeaderEpochResponse.EpochEndOffset(ErrorCode.NONE, partition, -1, -1);
    }
}
