package io.tributary.broker;

import io.tributary.broker.config.TopicConfig;
import io.tributary.broker.config.TopicConfigs;
import io.tributary.broker.metadata.MetadataImage;
import io.tributary.broker.metadata.TopicImage;
import io.tributary.broker.metadata.TopicNames;
import io.tributary.storage.Log;
import io.tributary.storage.LogConfig;
import io.tributary.storage.LogManager;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partition logs of the topics in the metadata, on top of storage's {@link LogManager}. A log belongs to
 * a topic only if its topic id matches, so a log left behind by a deleted topic is never served for a new
 * topic of the same name.
 *
 * <p>Thread-safe, as {@link LogManager} is.
 */
public final class PartitionLogs {

    private static final Logger log = LoggerFactory.getLogger(PartitionLogs.class);

    private final LogManager logManager;
    private final TopicConfigs topicConfigs;

    public PartitionLogs(LogManager logManager, TopicConfigs topicConfigs) {
        this.logManager = logManager;
        this.topicConfigs = topicConfigs;
    }

    public LogManager logManager() {
        return logManager;
    }

    public TopicConfigs topicConfigs() {
        return topicConfigs;
    }

    /** Returns the effective settings of a topic. */
    public TopicConfig topicConfig(TopicImage topic) {
        return topicConfigs.resolve(topic.configs());
    }

    /** Returns the storage settings of a topic. */
    public LogConfig logConfig(TopicImage topic) {
        return new Settings(topicConfigs).logConfig(topic);
    }

    /** The conversion of a topic's settings to storage's, usable before the {@link LogManager} is open. */
    public record Settings(TopicConfigs topicConfigs) {

        /** Returns the storage settings of a topic. */
        public LogConfig logConfig(TopicImage topic) {
            return LogConfig.fromMap(topicConfigs.resolve(topic.configs()).values(), LogConfig.defaults());
        }
    }

    /** Returns the log of a partition of the topic, or empty if the partition or its log does not exist. */
    public Optional<Log> log(TopicImage topic, int partition) {
        if (!topic.hasPartition(partition)) {
            return Optional.empty();
        }
        return logManager.log(topic.name(), partition).filter(found -> topic.topicId().equals(found.topicId()));
    }

    /** Creates the logs of partitions {@code fromPartition} to the topic's last partition. */
    public void createLogs(TopicImage topic, int fromPartition) throws IOException {
        LogConfig config = logConfig(topic);
        for (int partition = fromPartition; partition < topic.partitionCount(); partition++) {
            logManager.getOrCreate(topic.name(), partition, topic.topicId(), config);
        }
    }

    /**
     * Applies the topic's current settings to its partition logs. Storage reads them on the next append, roll and
     * flush; {@code index.interval.bytes} and {@code segment.index.bytes} take effect from the next segment.
     * Partitions without a log are skipped.
     */
    public void updateConfigs(TopicImage topic) {
        LogConfig config = logConfig(topic);
        for (int partition = 0; partition < topic.partitionCount(); partition++) {
            log(topic, partition).filter(existing -> !existing.config().equals(config))
                    .ifPresent(existing -> existing.updateConfig(config));
        }
    }

    /** Deletes every log of the topic; partitions without a log are skipped. */
    public void deleteLogs(TopicImage topic) throws IOException {
        for (int partition = 0; partition < topic.partitionCount(); partition++) {
            if (log(topic, partition).isPresent()) {
                logManager.delete(topic.name(), partition);
            }
        }
    }

    /**
     * Brings the logs in line with the metadata after a restart. It creates missing logs of existing topics and
     * deletes logs of topics that no longer exist, which a crash between the metadata record and the deletion
     * of the files leaves behind. A log without a topic id on disk, whose {@code partition.metadata} was
     * removed or torn before its first flush, takes the id of its partition in the metadata and keeps its
     * records. Logs of reserved internal topics belong to their coordinators and are left alone.
     */
    public void reconcile(MetadataImage image) throws IOException {
        List<Log> orphans = new ArrayList<>();
        for (Log existing : logManager.logs()) {
            if (TopicNames.RESERVED.contains(existing.topic())) {
                continue;
            }
            Optional<TopicImage> owner = image.topic(existing.topic())
                    .filter(topic -> topic.hasPartition(existing.partition()));
            if (existing.topicId() == null && owner.isPresent()) {
                // partition.metadata is missing, or was torn before the partition's first flush
                log.warn("[PartitionLogs] Log {}-{} has no topic id on disk; taking {} from the metadata",
                        existing.topic(), existing.partition(), owner.get().topicId());
                existing.assignTopicId(owner.get().topicId());
                continue;
            }
            boolean current = owner.filter(topic -> topic.topicId().equals(existing.topicId())).isPresent();
            if (!current) {
                orphans.add(existing);
            }
        }
        for (Log orphan : orphans) {
            log.warn("[PartitionLogs] Deleting log {}-{} of topic id {}, which is not in the metadata",
                    orphan.topic(), orphan.partition(), orphan.topicId());
            logManager.delete(orphan.topic(), orphan.partition());
        }
        for (TopicImage topic : image.topics()) {
            createLogs(topic, 0);
            updateConfigs(topic);
        }
    }
}
