package io.tributary.broker.topic;

import io.tributary.broker.RequestDuplicates;
import io.tributary.broker.metadata.MetadataImage;
import io.tributary.broker.metadata.MetadataStore;
import io.tributary.broker.metadata.TopicImage;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.DeleteTopicsRequest;
import io.tributary.protocol.message.DeleteTopicsResponse;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.TopicIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Handles DeleteTopics by name or (v6+) by id. Deletion is durable in the metadata before the response;
 * waiting fetches on the topic's partitions are completed at once.
 *
 * <p>Per-topic errors: UNKNOWN_TOPIC_OR_PARTITION (unknown name), UNKNOWN_TOPIC_ID (unknown id),
 * INVALID_REQUEST (topic named twice, or by both name and id), KAFKA_STORAGE_ERROR.
 */
public final class DeleteTopicsHandler {

    private final MetadataStore metadata;
    private final TopicManager topics;

    public DeleteTopicsHandler(MetadataStore metadata, TopicManager topics) {
        this.metadata = metadata;
        this.topics = topics;
    }

    public DeleteTopicsResponse handle(DeleteTopicsRequest request) {
        MetadataImage image = metadata.image();
        Set<Object> duplicates = RequestDuplicates.keys(request.topics(),
                ref -> byName(ref) ? ref.name() : ref.topicId());

        List<DeleteTopicsResponse.Result> results = new ArrayList<>();
        for (MetadataRequest.TopicRef ref : request.topics()) {
            boolean named = byName(ref);
            boolean identified = ref.topicId() != null && !TopicIds.ZERO.equals(ref.topicId());
            if (named && identified) {
                results.add(new DeleteTopicsResponse.Result(ref.name(), ref.topicId(), ErrorCode.INVALID_REQUEST,
                        "Name a topic by its name or by its id, not both"));
            } else if (duplicates.contains(named ? ref.name() : ref.topicId())) {
                results.add(new DeleteTopicsResponse.Result(ref.name(), ref.topicId(), ErrorCode.INVALID_REQUEST,
                        "Topic " + (named ? ref.name() : ref.topicId()) + " appears more than once in the request"));
            } else {
                results.add(delete(image, ref, named));
            }
        }
        return new DeleteTopicsResponse(0, results);
    }

    private DeleteTopicsResponse.Result delete(MetadataImage image, MetadataRequest.TopicRef ref, boolean named) {
        Optional<TopicImage> topic = named ? image.topic(ref.name()) : image.topic(ref.topicId());
        if (topic.isEmpty()) {
            return named
                    ? new DeleteTopicsResponse.Result(ref.name(), TopicIds.ZERO, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
                            "Topic " + ref.name() + " does not exist")
                    : new DeleteTopicsResponse.Result(null, ref.topicId(), ErrorCode.UNKNOWN_TOPIC_ID,
                            "No topic has id " + ref.topicId());
        }
        ErrorCode error = topics.delete(topic.get());
        String message = error == ErrorCode.NONE ? null : "Failed to delete topic " + topic.get().name();
        return new DeleteTopicsResponse.Result(topic.get().name(), topic.get().topicId(), error, message);
    }

    private static boolean byName(MetadataRequest.TopicRef ref) {
        return ref.name() != null;
    }
}
