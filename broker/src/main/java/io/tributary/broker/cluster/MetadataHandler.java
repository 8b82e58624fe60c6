package io.tributary.broker.cluster;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.metadata.MetadataImage;
import io.tributary.broker.metadata.MetadataStore;
import io.tributary.broker.metadata.TopicImage;
import io.tributary.broker.metadata.TopicNames;
import io.tributary.broker.topic.TopicManager;
import io.tributary.broker.topic.TopicOutcome;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.MetadataRequest;
import io.tributary.protocol.message.MetadataResponse;
import io.tributary.protocol.message.TopicIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Handles Metadata: this node as the only broker and controller, and the requested topics with every
 * partition led by this node at leader epoch 0.
 *
 * <p>An unknown topic named by name is created with the broker defaults when the request allows it and
 * {@code auto.create.topics.enable} is true. Creation completes before the response is built, so the topic
 * is returned ready with no error. Apache Kafka 4.4 returns LEADER_NOT_AVAILABLE first because it creates
 * topics asynchronously, and clients retry on that error, so they accept either response.
 *
 * <p>Per-topic errors: UNKNOWN_TOPIC_OR_PARTITION (unknown name without auto-creation), UNKNOWN_TOPIC_ID
 * (unknown id, v10+), INVALID_TOPIC_EXCEPTION (illegal or colliding name on auto-creation),
 * INVALID_REPLICATION_FACTOR, INVALID_PARTITIONS or KAFKA_STORAGE_ERROR (auto-creation failed).
 */
public final class MetadataHandler {

    /** Topic operations reported when authorized operations are requested: every operation, as without ACLs. */
    static final int ALL_TOPIC_OPERATIONS = (1 << 3) | (1 << 4) | (1 << 5) | (1 << 6) | (1 << 7) | (1 << 8)
            | (1 << 10) | (1 << 11);

    /** Value of authorized operations when the client did not request them. */
    static final int OPERATIONS_NOT_REQUESTED = Integer.MIN_VALUE;

    private final BrokerConfig config;
    private final MetadataStore metadata;
    private final TopicManager topics;

    public MetadataHandler(BrokerConfig config, MetadataStore metadata, TopicManager topics) {
        this.config = config;
        this.metadata = metadata;
        this.topics = topics;
    }

    public MetadataResponse handle(MetadataRequest request) {
        List<MetadataResponse.TopicMetadata> results = new ArrayList<>();
        int operations = request.includeTopicAuthorizedOperations() ? ALL_TOPIC_OPERATIONS : OPERATIONS_NOT_REQUESTED;
        if (request.topics() == null) {
            for (TopicImage topic : metadata.image().topics()) {
                results.add(describe(topic, operations));
            }
        } else {
            for (MetadataRequest.TopicRef ref : request.topics()) {
                results.add(lookup(ref, request.allowAutoTopicCreation(), operations));
            }
        }
        return new MetadataResponse(0, List.of(self(config)), config.clusterId(), config.nodeId(), results);
    }

    /** Returns this node as a broker entry of Metadata and DescribeCluster. */
    public static MetadataResponse.Broker self(BrokerConfig config) {
        return new MetadataResponse.Broker(config.nodeId(), config.advertisedHost(), config.advertisedPort(), null);
    }

    private MetadataResponse.TopicMetadata lookup(MetadataRequest.TopicRef ref, boolean allowAutoCreation,
                                                  int operations) {
        MetadataImage image = metadata.image();
        if (ref.name() == null) {
            UUID id = ref.topicId() == null ? TopicIds.ZERO : ref.topicId();
            return image.topic(id)
                    .map(topic -> describe(topic, operations))
                    .orElseGet(() -> failed(ErrorCode.UNKNOWN_TOPIC_ID, null, id));
        }
        Optional<TopicImage> found = image.topic(ref.name());
        if (found.isPresent()) {
            return describe(found.get(), operations);
        }
        if (TopicNames.invalidReason(ref.name()).isPresent()) {
            return failed(ErrorCode.INVALID_TOPIC_EXCEPTION, ref.name(), TopicIds.ZERO);
        }
        if (!allowAutoCreation || !config.autoCreateTopicsEnable() || TopicNames.RESERVED.contains(ref.name())) {
            return failed(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ref.name(), TopicIds.ZERO);
        }
        TopicOutcome outcome = topics.autoCreate(ref.name());
        if (outcome.error() == ErrorCode.TOPIC_ALREADY_EXISTS) {
            // Created by a concurrent request since the image was taken.
            return metadata.image().topic(ref.name())
                    .map(topic -> describe(topic, operations))
                    .orElseGet(() -> failed(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ref.name(), TopicIds.ZERO));
        }
        if (!outcome.succeeded()) {
            return failed(outcome.error(), ref.name(), TopicIds.ZERO);
        }
        return metadata.image().topic(outcome.topicId())
                .map(topic -> describe(topic, operations))
                .orElseGet(() -> failed(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, ref.name(), TopicIds.ZERO));
    }

    private MetadataResponse.TopicMetadata describe(TopicImage topic, int operations) {
        List<MetadataResponse.PartitionMetadata> partitions = new ArrayList<>(topic.partitionCount());
        List<Integer> replicas = List.of(config.nodeId());
        for (int partition = 0; partition < topic.partitionCount(); partition++) {
            partitions.add(new MetadataResponse.PartitionMetadata(ErrorCode.NONE, partition, config.nodeId(), 0,
                    replicas, replicas, List.of()));
        }
        return new MetadataResponse.TopicMetadata(ErrorCode.NONE, topic.name(), topic.topicId(), false, partitions,
                operations);
    }

    private static MetadataResponse.TopicMetadata failed(ErrorCode error, String name, UUID topicId) {
        return new MetadataResponse.TopicMetadata(error, name, topicId, false, List.of(), OPERATIONS_NOT_REQUESTED);
    }
}
