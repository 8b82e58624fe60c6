package io.tributary.broker.topic;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.PartitionLogs;
import io.tributary.broker.config.InvalidConfigException;
import io.tributary.broker.config.TopicConfig;
import io.tributary.broker.metadata.MetadataImage;
import io.tributary.broker.metadata.MetadataStore;
import io.tributary.broker.metadata.TopicImage;
import io.tributary.broker.metadata.TopicNames;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.CreateTopicsRequest;
import io.tributary.protocol.message.TopicIds;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, grows and deletes topics: validates the request, records the change in the {@link MetadataStore}
 * and creates or deletes the partition logs.
 *
 * <p>Thread-safety: changes are serialized by the manager's lock, so two concurrent requests for the same name
 * cannot both create it.
 */
public final class TopicManager {

    /** Maximum partitions of one topic, so a hostile request cannot make the broker create millions of logs. */
    public static final int MAX_PARTITIONS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(TopicManager.class);

    private final BrokerConfig config;
    private final MetadataStore metadata;
    private final PartitionLogs logs;
    private final List<TopicChangeListener> listeners = new CopyOnWriteArrayList<>();

    public TopicManager(BrokerConfig config, MetadataStore metadata, PartitionLogs logs) {
        this.config = config;
        this.metadata = metadata;
        this.logs = logs;
    }

    public void addListener(TopicChangeListener listener) {
        listeners.add(listener);
    }

    /**
     * Creates a topic, or only validates its creation.
     *
     * @return the outcome, whose error is NONE or one of INVALID_TOPIC_EXCEPTION (illegal, reserved or colliding name),
     *         TOPIC_ALREADY_EXISTS, INVALID_REQUEST (both a count and an assignment), INVALID_PARTITIONS,
     *         INVALID_REPLICATION_FACTOR, INVALID_REPLICA_ASSIGNMENT, INVALID_CONFIG or KAFKA_STORAGE_ERROR
     */
    public synchronized TopicOutcome create(CreateTopicsRequest.Topic request, boolean validateOnly) {
        String name = request.name();
        Optional<TopicOutcome> nameError = validateNewName(name);
        if (nameError.isPresent()) {
            return nameError.get();
        }

        // Resolve partition count and replication factor
        boolean hasAssignments = request.assignments() != null && !request.assignments().isEmpty();
        if (hasAssignments && (request.numPartitions() != -1 || request.replicationFactor() != -1)) {
            return TopicOutcome.failed(ErrorCode.INVALID_REQUEST, "Both numPartitions or replicationFactor and "
                    + "replica assignments were set for topic " + name + "; set only one");
        }
        int partitions = hasAssignments ? request.assignments().size()
                : request.numPartitions() == -1 ? config.numPartitions() : request.numPartitions();
        Optional<String> partitionsError = validatePartitionCount(partitions);
        if (partitionsError.isPresent()) {
            return TopicOutcome.failed(ErrorCode.INVALID_PARTITIONS, partitionsError.get());
        }
        short replicationFactor = request.replicationFactor() == -1 ? config.defaultReplicationFactor()
                : request.replicationFactor();
        if (hasAssignments) {
            Optional<String> assignmentError = validateAssignments(request.assignments());
            if (assignmentError.isPresent()) {
                return TopicOutcome.failed(ErrorCode.INVALID_REPLICA_ASSIGNMENT, assignmentError.get());
            }
            replicationFactor = 1;
        } else if (replicationFactor != 1) {
            return TopicOutcome.failed(ErrorCode.INVALID_REPLICATION_FACTOR, "Replication factor " + replicationFactor
                    + " is invalid: this cluster has 1 broker, so the only valid replication factor is 1");
        }

        // Validate configs
        Map<String, String> overrides;
        try {
            overrides = logs.topicConfigs().validateOverrides(request.configs() == null ? Map.of() : request.configs());
        } catch (InvalidConfigException e) {
            return TopicOutcome.failed(ErrorCode.INVALID_CONFIG, e.getMessage());
        }
        TopicConfig topicConfig = logs.topicConfigs().resolve(overrides);
        if (validateOnly) {
            return new TopicOutcome(ErrorCode.NONE, null, TopicIds.ZERO, partitions, replicationFactor, topicConfig);
        }
        return createValidated(name, partitions, overrides, topicConfig);
    }

    /**
     * Creates a topic with the broker defaults, as Metadata does for an unknown topic when auto-creation is
     * enabled. Returns the same errors as {@link #create}.
     */
    public TopicOutcome autoCreate(String name) {
        return create(new CreateTopicsRequest.Topic(name, -1, (short) -1, List.of(), Map.of()), false);
    }

    /**
     * Raises a topic's partition count.
     *
     * @return NONE, UNKNOWN_TOPIC_OR_PARTITION, INVALID_PARTITIONS, INVALID_REPLICA_ASSIGNMENT or
     *         KAFKA_STORAGE_ERROR, with a message for errors
     */
    public synchronized TopicOutcome createPartitions(String name, int count, List<List<Integer>> assignments,
                                                      boolean validateOnly) {
        Optional<TopicImage> found = metadata.image().topic(name);
        if (found.isEmpty() || TopicNames.RESERVED.contains(name)) {
            return TopicOutcome.failed(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "Topic " + name + " does not exist");
        }
        TopicImage topic = found.get();
        if (count == topic.partitionCount()) {
            return TopicOutcome.failed(ErrorCode.INVALID_PARTITIONS, "Topic " + name + " already has " + count
                    + " partitions");
        }
        if (count < topic.partitionCount()) {
            return TopicOutcome.failed(ErrorCode.INVALID_PARTITIONS, "Topic " + name + " has "
                    + topic.partitionCount() + " partitions, more than the requested " + count
                    + "; partitions cannot be removed");
        }
        Optional<String> partitionsError = validatePartitionCount(count);
        if (partitionsError.isPresent()) {
            return TopicOutcome.failed(ErrorCode.INVALID_PARTITIONS, partitionsError.get());
        }
        if (assignments != null) {
            int added = count - topic.partitionCount();
            if (assignments.size() != added) {
                return TopicOutcome.failed(ErrorCode.INVALID_REPLICA_ASSIGNMENT, "Expected " + added
                        + " replica assignments for the new partitions of topic " + name + " but got "
                        + assignments.size());
            }
            for (List<Integer> replicas : assignments) {
                Optional<String> error = validateReplicas(replicas);
                if (error.isPresent()) {
                    return TopicOutcome.failed(ErrorCode.INVALID_REPLICA_ASSIGNMENT, error.get());
                }
            }
        }
        TopicConfig topicConfig = logs.topicConfig(topic);
        if (validateOnly) {
            return new TopicOutcome(ErrorCode.NONE, null, topic.topicId(), count, (short) 1, topicConfig);
        }
        try {
            TopicImage grown = metadata.createPartitions(topic.topicId(), count);
            logs.createLogs(grown, topic.partitionCount());
            return new TopicOutcome(ErrorCode.NONE, null, topic.topicId(), count, (short) 1, topicConfig);
        } catch (IOException | RuntimeException e) {
            log.error("[TopicManager] Failed to add partitions to topic {} ({})", name, topic.topicId(), e);
            return TopicOutcome.failed(ErrorCode.KAFKA_STORAGE_ERROR, "Failed to add partitions to topic " + name
                    + ": " + e.getMessage());
        }
    }

    /** A change of a topic's configuration overrides, computed from its current overrides. */
    @FunctionalInterface
    public interface ConfigUpdate {

        /**
         * Returns the new overrides, validated and in canonical form.
         *
         * @param current the topic's overrides; empty for a topic that does not exist
         * @throws InvalidConfigException naming the invalid key or value
         */
        Map<String, String> apply(Map<String, String> current) throws InvalidConfigException;
    }

    /**
     * Changes a topic's configuration overrides, or only validates the change. The new overrides are durable in
     * the metadata log before they are applied to the topic's partition logs. Produce validation reads them from
     * the metadata, so it uses them at once. As in Kafka 4.4, the change is validated before the topic's
     * existence is checked.
     *
     * @return the outcome, whose error is NONE or one of INVALID_CONFIG, UNKNOWN_TOPIC_OR_PARTITION or
     *         KAFKA_STORAGE_ERROR
     */
    public synchronized TopicOutcome alterConfigs(String name, ConfigUpdate update, boolean validateOnly) {
        Optional<TopicImage> found = metadata.image().topic(name);
        Map<String, String> overrides;
        try {
            overrides = update.apply(found.map(TopicImage::configs).orElse(Map.of()));
        } catch (InvalidConfigException e) {
            return TopicOutcome.failed(ErrorCode.INVALID_CONFIG, e.getMessage());
        }
        if (found.isEmpty()) {
            return TopicOutcome.failed(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "The topic '" + name
                    + "' does not exist.");
        }
        TopicImage topic = found.get();
        if (validateOnly || overrides.equals(topic.configs())) {
            return new TopicOutcome(ErrorCode.NONE, null, topic.topicId(), topic.partitionCount(), (short) 1,
                    logs.topicConfigs().resolve(overrides));
        }
        TopicImage altered;
        try {
            altered = metadata.alterTopicConfigs(topic.topicId(), overrides);
        } catch (IOException e) {
            log.error("[TopicManager] Failed to record the config change of topic {} ({})", name, topic.topicId(), e);
            return TopicOutcome.failed(ErrorCode.KAFKA_STORAGE_ERROR, "Failed to change the configs of topic "
                    + name + ": " + e.getMessage());
        }
        logs.updateConfigs(altered);
        return new TopicOutcome(ErrorCode.NONE, null, altered.topicId(), altered.partitionCount(), (short) 1,
                logs.topicConfig(altered));
    }

    /**
     * Deletes a topic: the metadata record first, so the deletion is durable, then its logs.
     *
     * @return NONE, or KAFKA_STORAGE_ERROR if the metadata record could not be written
     */
    public synchronized ErrorCode delete(TopicImage topic) {
        try {
            if (metadata.deleteTopic(topic.topicId()).isEmpty()) {
                return ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
            }
        } catch (IOException e) {
            log.error("[TopicManager] Failed to record the deletion of topic {} ({})", topic.name(), topic.topicId(), e);
            return ErrorCode.KAFKA_STORAGE_ERROR;
        }
        for (TopicChangeListener listener : listeners) {
            listener.onTopicDeleted(topic);
        }
        try {
            logs.deleteLogs(topic);
        } catch (IOException | RuntimeException e) {
            // The topic is gone from the metadata; start-up deletes its remaining files.
            log.error("[TopicManager] Failed to delete the logs of deleted topic {} ({}); they are deleted at the "
                    + "next start", topic.name(), topic.topicId(), e);
        }
        return ErrorCode.NONE;
    }

    private TopicOutcome createValidated(String name, int partitions, Map<String, String> overrides,
                                         TopicConfig topicConfig) {
        TopicImage topic;
        try {
            topic = metadata.createTopic(name, partitions, overrides);
        } catch (IOException e) {
            log.error("[TopicManager] Failed to record the creation of topic {}", name, e);
            return TopicOutcome.failed(ErrorCode.KAFKA_STORAGE_ERROR, "Failed to create topic " + name + ": "
                    + e.getMessage());
        }
        try {
            logs.createLogs(topic, 0);
        } catch (IOException | RuntimeException e) {
            log.error("[TopicManager] Failed to create the logs of topic {} ({}); removing the topic", name,
                    topic.topicId(), e);
            delete(topic);
            return TopicOutcome.failed(ErrorCode.KAFKA_STORAGE_ERROR, "Failed to create the logs of topic " + name
                    + ": " + e.getMessage());
        }
        log.info("[TopicManager] Created topic {} ({}) with {} partitions and the logs of each", name,
                topic.topicId(), partitions);
        return new TopicOutcome(ErrorCode.NONE, null, topic.topicId(), partitions, (short) 1, topicConfig);
    }

    private Optional<TopicOutcome> validateNewName(String name) {
        Optional<String> invalid = TopicNames.invalidReason(name);
        if (invalid.isPresent()) {
            return Optional.of(TopicOutcome.failed(ErrorCode.INVALID_TOPIC_EXCEPTION, invalid.get()));
        }
        if (TopicNames.RESERVED.contains(name)) {
            return Optional.of(TopicOutcome.failed(ErrorCode.INVALID_TOPIC_EXCEPTION, "Topic name " + name
                    + " is reserved for the broker's internal use"));
        }
        MetadataImage image = metadata.image();
        if (image.topic(name).isPresent()) {
            return Optional.of(TopicOutcome.failed(ErrorCode.TOPIC_ALREADY_EXISTS, "Topic '" + name
                    + "' already exists."));
        }
        Optional<String> colliding = image.collidingTopic(name);
        if (colliding.isPresent()) {
            return Optional.of(TopicOutcome.failed(ErrorCode.INVALID_TOPIC_EXCEPTION, "Topic '" + name
                    + "' collides with existing topic: " + colliding.get()));
        }
        return Optional.empty();
    }

    private static Optional<String> validatePartitionCount(int partitions) {
        if (partitions <= 0) {
            return Optional.of("Number of partitions must be larger than 0, got " + partitions);
        }
        if (partitions > MAX_PARTITIONS) {
            return Optional.of("Number of partitions " + partitions + " exceeds the maximum of " + MAX_PARTITIONS);
        }
        return Optional.empty();
    }

    private Optional<String> validateAssignments(List<CreateTopicsRequest.Assignment> assignments) {
        boolean[] seen = new boolean[assignments.size()];
        for (CreateTopicsRequest.Assignment assignment : assignments) {
            int partition = assignment.partition();
            if (partition < 0 || partition >= seen.length || seen[partition]) {
                return Optional.of("Replica assignments must name partitions 0 to " + (seen.length - 1)
                        + " once each, got partition " + partition);
            }
            seen[partition] = true;
            Optional<String> error = validateReplicas(assignment.brokerIds());
            if (error.isPresent()) {
                return error;
            }
        }
        return Optional.empty();
    }

    private Optional<String> validateReplicas(List<Integer> replicas) {
        if (replicas == null || replicas.size() != 1 || replicas.get(0) != config.nodeId()) {
            return Optional.of("Invalid replica assignment " + replicas + ": the only broker is " + config.nodeId());
        }
        return Optional.empty();
    }
}
