package io.tributary.broker.topic;

import io.tributary.broker.RequestDuplicates;
import io.tributary.broker.config.ConfigKey;
import io.tributary.broker.config.TopicConfigs;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.CreateTopicsRequest;
import io.tributary.protocol.message.CreateTopicsResponse;
import io.tributary.protocol.message.DescribeConfigsResponse;
import io.tributary.protocol.message.TopicIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Handles CreateTopics, including validate-only requests and the broker defaults of KIP-464 (-1 partitions
 * or replication factor). A successful result reports the partition count, replication factor and every
 * effective topic setting (sent from v5 on).
 *
 * <p>Per-topic errors: INVALID_REQUEST (topic named twice, or both a count and an assignment),
 * INVALID_TOPIC_EXCEPTION, TOPIC_ALREADY_EXISTS, INVALID_PARTITIONS, INVALID_REPLICATION_FACTOR,
 * INVALID_REPLICA_ASSIGNMENT, INVALID_CONFIG, KAFKA_STORAGE_ERROR.
 */
public final class CreateTopicsHandler {

    private final TopicManager topics;
    private final TopicConfigs topicConfigs;

    public CreateTopicsHandler(TopicManager topics, TopicConfigs topicConfigs) {
        this.topics = topics;
        this.topicConfigs = topicConfigs;
    }

    public CreateTopicsResponse handle(CreateTopicsRequest request) {
        Set<String> duplicates = RequestDuplicates.keys(request.topics(), CreateTopicsRequest.Topic::name);
        List<CreateTopicsResponse.Result> results = new ArrayList<>();
        for (CreateTopicsRequest.Topic topic : request.topics()) {
            if (duplicates.contains(topic.name())) {
                results.add(new CreateTopicsResponse.Result(topic.name(), TopicIds.ZERO, ErrorCode.INVALID_REQUEST,
                        "Topic " + topic.name() + " appears more than once in the request", -1, (short) -1, null));
                continue;
            }
            results.add(toResult(topic.name(), topics.create(topic, request.validateOnly())));
        }
        return new CreateTopicsResponse(0, results);
    }

    private CreateTopicsResponse.Result toResult(String name, TopicOutcome outcome) {
        if (!outcome.succeeded()) {
            return new CreateTopicsResponse.Result(name, TopicIds.ZERO, outcome.error(), outcome.errorMessage(), -1,
                    (short) -1, null);
        }
        List<DescribeConfigsResponse.ConfigEntry> configs = new ArrayList<>();
        for (ConfigKey key : TopicConfigs.DEFINITIONS) {
            configs.add(new DescribeConfigsResponse.ConfigEntry(key.name(), outcome.config().value(key.name()), false,
                    outcome.config().source(key, topicConfigs).wireValue(), false, List.of(), key.type().wireValue(),
                    null));
        }
        return new CreateTopicsResponse.Result(name, outcome.topicId(), ErrorCode.NONE, null, outcome.partitionCount(),
                outcome.replicationFactor(), configs);
    }
}
