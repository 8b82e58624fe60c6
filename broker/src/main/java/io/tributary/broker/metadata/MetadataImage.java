package io.tributary.broker.metadata;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

/**
 * An immutable view of every topic at one point of the metadata log. Readers take the current image once
 * per request so that one response is consistent.
 */
public final class MetadataImage {

    static final MetadataImage EMPTY = new MetadataImage(new TreeMap<>(), new HashMap<>(), new HashMap<>(), 0);

    private final SortedMap<String, TopicImage> byName;
    private final Map<UUID, TopicImage> byId;
    private final Map<String, String> nameByCollisionKey;
    private final long nextProducerId;

    private MetadataImage(SortedMap<String, TopicImage> byName, Map<UUID, TopicImage> byId,
                          Map<String, String> nameByCollisionKey, long nextProducerId) {
        this.byName = Collections.unmodifiableSortedMap(byName);
        this.byId = Collections.unmodifiableMap(byId);
        this.nameByCollisionKey = Collections.unmodifiableMap(nameByCollisionKey);
        this.nextProducerId = nextProducerId;
    }

    /** Returns the topic with this name; empty for an unknown or null name. */
    public Optional<TopicImage> topic(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(name));
    }

    /** Returns the topic with this id; empty for an unknown or null id. */
    public Optional<TopicImage> topic(UUID topicId) {
        return topicId == null ? Optional.empty() : Optional.ofNullable(byId.get(topicId));
    }

    /** Returns every topic, sorted by name. */
    public Collection<TopicImage> topics() {
        return byName.values();
    }

    /** Returns the existing topic whose name collides with {@code name} ('.' versus '_'), or empty. */
    public Optional<String> collidingTopic(String name) {
        String existing = nameByCollisionKey.get(TopicNames.unifyCollisionChars(name));
        return existing == null || existing.equals(name) ? Optional.empty() : Optional.of(existing);
    }

    /** Returns the first producer id not yet handed out by any allocated block. */
    public long nextProducerId() {
        return nextProducerId;
    }

    /** Returns the shortest list of records whose replay from an empty image yields this image. */
    List<MetadataRecord> snapshotRecords() {
        List<MetadataRecord> records = new ArrayList<>(byName.size() + 1);
        for (TopicImage topic : byName.values()) {
            records.add(new MetadataRecord.TopicRecord(topic.topicId(), topic.name(), topic.partitionCount(),
                    topic.configs()));
        }
        if (nextProducerId > 0) {
            records.add(new MetadataRecord.ProducerIdsRecord(nextProducerId));
        }
        return records;
    }

    /** Returns the image after {@code record}; the record must be valid for this image. */
    MetadataImage apply(MetadataRecord record) {
        SortedMap<String, TopicImage> names = new TreeMap<>(byName);
        Map<UUID, TopicImage> ids = new HashMap<>(byId);
        Map<String, String> collisions = new HashMap<>(nameByCollisionKey);
        long producerId = nextProducerId;
        if (record instanceof MetadataRecord.TopicRecord topic) {
            TopicImage image = new TopicImage(topic.topicId(), topic.name(), topic.partitionCount(), topic.configs());
            names.put(image.name(), image);
            ids.put(image.topicId(), image);
            collisions.put(TopicNames.unifyCollisionChars(image.name()), image.name());
        } else if (record instanceof MetadataRecord.PartitionCountRecord count) {
            TopicImage image = requireTopic(count.topicId()).withPartitionCount(count.partitionCount());
            names.put(image.name(), image);
            ids.put(image.topicId(), image);
        } else if (record instanceof MetadataRecord.TopicConfigRecord topicConfig) {
            TopicImage image = requireTopic(topicConfig.topicId()).withConfigs(topicConfig.configs());
            names.put(image.name(), image);
            ids.put(image.topicId(), image);
        } else if (record instanceof MetadataRecord.RemoveTopicRecord remove) {
            TopicImage image = requireTopic(remove.topicId());
            names.remove(image.name());
            ids.remove(image.topicId());
            collisions.remove(TopicNames.unifyCollisionChars(image.name()));
        } else if (record instanceof MetadataRecord.ProducerIdsRecord producerIds) {
            producerId = producerIds.nextProducerId();
        }
        return new MetadataImage(names, ids, collisions, producerId);
    }

    private TopicImage requireTopic(UUID topicId) {
        TopicImage image = byId.get(topicId);
        if (image == null) {
            throw new IllegalStateException("Metadata record names unknown topic id " + topicId);
        }
        return image;
    }
}
