package io.tributary.broker.metadata;

import io.tributary.broker.TopicIdResolver;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster metadata of a single node: topics and the producer id high-water mark, kept as an
 * in-memory {@link MetadataImage} and persisted as a {@link MetadataLog} in the data directory.
 *
 * <p>Thread-safety: changes are serialized by the store's lock and are durable before the method returns;
 * {@link #image()} is lock-free and returns the latest image published.
 */
public final class MetadataStore implements TopicIdResolver, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(MetadataStore.class);

    /** Obsolete records in the metadata log above which start-up rewrites it with only the current state. */
    static final int COMPACTION_MIN_OBSOLETE_RECORDS = 1000;

    /** The topic id Kafka reserves for its own metadata topic; never handed out. */
    private static final UUID METADATA_TOPIC_ID = new UUID(0L, 1L);

    private final MetadataLog metadataLog;
    private volatile MetadataImage image;

    private MetadataStore(MetadataLog metadataLog, MetadataImage image) {
        this.metadataLog = metadataLog;
        this.image = image;
    }

    /**
     * Opens the store in {@code dataDir}, replaying its metadata log.
     *
     * @throws IOException if the log cannot be read or is corrupt before its end
     */
    public static MetadataStore open(Path dataDir) throws IOException {
        long start = System.nanoTime();
        List<MetadataRecord> records = new ArrayList<>();
        MetadataLog metadataLog = MetadataLog.open(dataDir, records);
        MetadataImage image = MetadataImage.EMPTY;
        try {
            for (MetadataRecord record : records) {
                image = image.apply(record);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            metadataLog.close();
            throw new IOException("Corrupt metadata log " + metadataLog.file() + ": " + e.getMessage(), e);
        }
        log.info("[MetadataStore] Replayed {} records of {} in {} ms: {} topics, next producer id {}", records.size(),
                metadataLog.file(), (System.nanoTime() - start) / 1_000_000, image.topics().size(),
                image.nextProducerId());
        List<MetadataRecord> snapshot = image.snapshotRecords();
        if (records.size() - snapshot.size() >= COMPACTION_MIN_OBSOLETE_RECORDS) {
            try {
                metadataLog = metadataLog.rewrite(snapshot);
            } catch (IOException e) {
                metadataLog.close();
                throw e;
            }
            log.info("[MetadataStore] Compacted {} from {} to {} records", metadataLog.file(), records.size(),
                    snapshot.size());
        }
        return new MetadataStore(metadataLog, image);
    }

    /** Returns the current image. */
    public MetadataImage image() {
        return image;
    }

    @Override
    public Optional<UUID> topicId(String name) {
        return image.topic(name).map(TopicImage::topicId);
    }

    @Override
    public Optional<String> topicName(UUID topicId) {
        return image.topic(topicId).map(TopicImage::name);
    }

    /**
     * Records a new topic with a fresh random id. The caller has validated the name, the partition count and
     * the configs, and checked that neither the name nor a colliding name exists.
     *
     * @throws IllegalStateException if the name exists or collides with an existing topic
     * @throws IOException           if the record could not be made durable; the topic is then not created
     */
    public synchronized TopicImage createTopic(String name, int partitionCount, Map<String, String> configs)
            throws IOException {
        if (image.topic(name).isPresent() || image.collidingTopic(name).isPresent()) {
            throw new IllegalStateException("Topic " + name + " exists or collides with an existing topic");
        }
        UUID topicId = newTopicId();
        apply(new MetadataRecord.TopicRecord(topicId, name, partitionCount, configs));
        log.info("[MetadataStore] Created topic {} with id {}, {} partitions and configs {}", name, topicId,
                partitionCount, configs);
        return image.topic(topicId).orElseThrow();
    }

    /**
     * Raises a topic's partition count.
     *
     * @throws IllegalStateException if the topic does not exist or {@code newCount} is not above its count
     * @throws IOException           if the record could not be made durable
     */
    public synchronized TopicImage createPartitions(UUID topicId, int newCount) throws IOException {
        TopicImage topic = image.topic(topicId)
                .orElseThrow(() -> new IllegalStateException("Unknown topic id " + topicId));
        if (newCount <= topic.partitionCount()) {
            throw new IllegalStateException("Topic " + topic.name() + " already has " + topic.partitionCount()
                    + " partitions");
        }
        apply(new MetadataRecord.PartitionCountRecord(topicId, newCount));
        log.info("[MetadataStore] Raised the partition count of topic {} from {} to {}", topic.name(),
                topic.partitionCount(), newCount);
        return image.topic(topicId).orElseThrow();
    }

    /**
     * Replaces a topic's configuration overrides with {@code configs}, which the caller has validated and put in
     * canonical form.
     *
     * @throws IllegalStateException if the topic does not exist
     * @throws IOException           if the record could not be made durable; the old overrides then stay
     */
    public synchronized TopicImage alterTopicConfigs(UUID topicId, Map<String, String> configs) throws IOException {
        TopicImage topic = image.topic(topicId)
                .orElseThrow(() -> new IllegalStateException("Unknown topic id " + topicId));
        apply(new MetadataRecord.TopicConfigRecord(topicId, configs));
        log.info("[MetadataStore] Changed the configs of topic {} from {} to {}", topic.name(), topic.configs(),
                configs);
        return image.topic(topicId).orElseThrow();
    }

    /**
     * Removes a topic, returning it, or empty if no topic has this id.
     *
     * @throws IOException if the record could not be made durable; the topic then still exists
     */
    public synchronized Optional<TopicImage> deleteTopic(UUID topicId) throws IOException {
        Optional<TopicImage> topic = image.topic(topicId);
        if (topic.isPresent()) {
            apply(new MetadataRecord.RemoveTopicRecord(topicId));
            log.info("[MetadataStore] Deleted topic {} with id {}", topic.get().name(), topicId);
        }
        return topic;
    }

    /**
     * Reserves {@code blockSize} producer ids and returns the first one. The reservation is durable before
     * this returns, so no id of the block is handed out again after a restart.
     *
     * @throws IOException if the reservation could not be made durable
     */
    public synchronized long allocateProducerIds(int blockSize) throws IOException {
        if (blockSize < 1) {
            throw new IllegalArgumentException("Invalid producer id block size " + blockSize);
        }
        long first = image.nextProducerId();
        if (first > Long.MAX_VALUE - blockSize) {
            throw new IllegalStateException("Producer ids are exhausted at " + first);
        }
        apply(new MetadataRecord.ProducerIdsRecord(first + blockSize));
        log.debug("[MetadataStore] Reserved producer ids {} to {}", first, first + blockSize - 1);
        return first;
    }

    @Override
    public synchronized void close() throws IOException {
        metadataLog.close();
    }

    private void apply(MetadataRecord record) throws IOException {
        MetadataImage next = image.apply(record);
        metadataLog.append(record);
        image = next;
    }

    private UUID newTopicId() {
        while (true) {
            UUID id = UUID.randomUUID();
            if (!id.equals(new UUID(0L, 0L)) && !id.equals(METADATA_TOPIC_ID) && !base64Form(id).contains("-")
                    && image.topic(id).isEmpty()) {
                return id;
            }
        }
    }

    /**
     * Returns the URL-safe base64 form in which Kafka prints topic ids. Kafka 4.4 never creates an id whose
     * form contains '-' ({@code Uuid.randomUuid}), so that command-line tools do not take it for an option.
     */
    private static String base64Form(UUID id) {
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(id.getMostSignificantBits());
        bytes.putLong(id.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }
}
