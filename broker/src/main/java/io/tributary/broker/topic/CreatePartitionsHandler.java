package io.tributary.broker.topic;

import io.tributary.broker.RequestDuplicates;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.CreatePartitionsRequest;
import io.tributary.protocol.message.CreatePartitionsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Handles CreatePartitions, including validate-only requests.
 *
 * <p>Per-topic errors: INVALID_REQUEST (topic named twice), UNKNOWN_TOPIC_OR_PARTITION, INVALID_PARTITIONS
 * (count not above the current one, or above the maximum), INVALID_REPLICA_ASSIGNMENT, KAFKA_STORAGE_ERROR.
 */
public final class CreatePartitionsHandler {

    private final TopicManager topics;

    public CreatePartitionsHandler(TopicManager topics) {
        this.topics = topics;
    }

    public CreatePartitionsResponse handle(CreatePartitionsRequest request) {
        Set<String> duplicates = RequestDuplicates.keys(request.topics(), CreatePartitionsRequest.Topic::name);
        List<CreatePartitionsResponse.Result> results = new ArrayList<>();
        for (CreatePartitionsRequest.Topic topic : request.topics()) {
            if (duplicates.contains(topic.name())) {
                results.add(new CreatePartitionsResponse.Result(topic.name(), ErrorCode.INVALID_REQUEST,
                        "Topic " + topic.name() + " appears more than once in the request"));
                continue;
            }
            TopicOutcome outcome = topics.createPartitions(topic.name(), topic.count(), topic.assignments(),
                    request.validateOnly());
            results.add(new CreatePartitionsResponse.Result(topic.name(), outcome.error(), outcome.errorMessage()));
        }
        return new CreatePartitionsResponse(0, results);
    }
}
