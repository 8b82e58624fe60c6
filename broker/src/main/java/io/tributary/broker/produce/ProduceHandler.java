package io.tributary.broker.produce;

import io.tributary.broker.PartitionLogs;
import io.tributary.broker.RequestContext;
import io.tributary.broker.config.TopicConfig;
import io.tributary.broker.metadata.MetadataImage;
import io.tributary.broker.metadata.MetadataStore;
import io.tributary.broker.metadata.TopicImage;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ProduceRequest;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.protocol.records.BatchInfo;
import io.tributary.protocol.records.BatchValidator;
import io.tributary.protocol.records.TimestampType;
import io.tributary.protocol.records.ValidationPolicy;
import io.tributary.protocol.records.ValidationResult;
import io.tributary.storage.AppendOrigin;
import io.tributary.storage.AppendResult;
import io.tributary.storage.Log;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles Produce: checks each partition's batches against the topic's settings, appends them to the
 * partition log before returning, and completes the response once every appended batch is durable
 * (acks 1 and -1, which are the same on a single node). With acks 0 no response is sent unless a partition
 * failed. A failure returns the response, which makes the network layer close the connection, as Kafka does.
 *
 * <p>A duplicate batch of an idempotent producer gets no error and the offset of the original.
 * {@code timeoutMs} is not used: Kafka uses it only to wait for replication.
 *
 * <p>Per-partition errors: INVALID_REQUIRED_ACKS (acks not 0, 1 or -1), INVALID_REQUEST (transactional id
 * set), UNKNOWN_TOPIC_OR_PARTITION (unknown name or partition), UNKNOWN_TOPIC_ID (unknown id, v13+), the
 * errors of the protocol module's {@link BatchValidator} (CORRUPT_MESSAGE, MESSAGE_TOO_LARGE, INVALID_RECORD
 * with record errors, INVALID_TIMESTAMP, UNSUPPORTED_COMPRESSION_TYPE), INVALID_RECORD for a transactional
 * batch, RECORD_LIST_TOO_LARGE,
 * OUT_OF_ORDER_SEQUENCE_NUMBER, INVALID_PRODUCER_EPOCH, UNKNOWN_PRODUCER_ID (from storage's producer state),
 * KAFKA_STORAGE_ERROR.
 */
public final class ProduceHandler {

    private static final Logger log = LoggerFactory.getLogger(ProduceHandler.class);

    /** Produce v13 and later name topics by id only. */
    private static final short FIRST_VERSION_WITH_TOPIC_IDS = 13;

    /** The in-sync replicas of every partition: the broker itself, because partitions are not replicated. */
    private static final int IN_SYNC_REPLICAS = 1;

    private final MetadataStore metadata;
    private final PartitionLogs logs;
    private final BatchValidator validator;

    public ProduceHandler(MetadataStore metadata, PartitionLogs logs, Clock clock) {
        this.metadata = metadata;
        this.logs = logs;
        this.validator = new BatchValidator(clock::millis);
    }

    /** Returns the response future; it completes with null for acks 0 without errors. */
    public CompletableFuture<ProduceResponse> handle(RequestContext context, ProduceRequest request) {
        short version = context.header().apiVersion();
        MetadataImage image = metadata.image();
        List<CompletableFuture<ProduceResponse.TopicResponse>> topicFutures = new ArrayList<>();
        boolean anyError = false;
        for (ProduceRequest.TopicData topic : request.topics()) {
            List<CompletableFuture<ProduceResponse.PartitionResponse>> partitionFutures = new ArrayList<>();
            Optional<TopicImage> found = resolve(image, topic, version);
            for (ProduceRequest.PartitionData partition : topic.partitions()) {
                CompletableFuture<ProduceResponse.PartitionResponse> result =
                        produce(request, version, topic, found, partition);
                anyError |= result.isDone() && result.join().error() != ErrorCode.NONE;
                partitionFutures.add(result);
            }
            topicFutures.add(allOf(partitionFutures)
                    .thenApply(partitions -> new ProduceResponse.TopicResponse(topic.name(), topic.topicId(), partitions)));
        }
        if (request.acks() == 0 && !anyError) {
            return CompletableFuture.completedFuture(null);
        }
        return allOf(topicFutures).thenApply(topics -> new ProduceResponse(topics, 0));
    }

    private CompletableFuture<ProduceResponse.PartitionResponse> produce(ProduceRequest request, short version,
            ProduceRequest.TopicData topic, Optional<TopicImage> found, ProduceRequest.PartitionData partition) {
        int index = partition.partition();
        if (request.acks() != 0 && request.acks() != 1 && request.acks() != -1) {
            return failed(index, ErrorCode.INVALID_REQUIRED_ACKS, "acks must be 0, 1 or -1, got " + request.acks());
        }
        if (request.transactionalId() != null) {
            return failed(index, ErrorCode.INVALID_REQUEST, InitProducerIdHandler.TRANSACTIONS_UNSUPPORTED);
        }
        if (found.isEmpty()) {
            return version >= FIRST_VERSION_WITH_TOPIC_IDS
                    ? failed(index, ErrorCode.UNKNOWN_TOPIC_ID, "No topic has id " + topic.topicId())
                    : failed(index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "Topic " + topic.name() + " does not exist");
        }
        Optional<Log> partitionLog = logs.log(found.get(), index);
        if (partitionLog.isEmpty()) {
            return failed(index, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "Topic " + found.get().name()
                    + " has no partition " + index);
        }

        String name = found.get().name() + "-" + index;
        TopicConfig config = logs.topicConfig(found.get());
        if (request.acks() == -1 && config.minInsyncReplicas() > IN_SYNC_REPLICAS) {
            return failed(index, ErrorCode.NOT_ENOUGH_REPLICAS, "The size of the current ISR " + IN_SYNC_REPLICAS
                    + " is insufficient to satisfy the min.isr requirement of " + config.minInsyncReplicas()
                    + " for partition " + name);
        }

        // Validate the batches against the topic settings
        ValidationResult validation = validator.validate(partition.records(), policy(config), name, version);
        if (!validation.isValid()) {
            log.debug("[Produce {}] Rejected batches: {} {}", name, validation.error(), validation.errorMessage());
            return CompletableFuture.completedFuture(new ProduceResponse.PartitionResponse(index, validation.error(),
                    -1, -1, -1, validation.recordErrors(), validation.errorMessage()));
        }
        for (BatchInfo batch : validation.batches()) {
            if (batch.transactional()) {
                return failed(index, ErrorCode.INVALID_RECORD, "Transactional batches are not supported");
            }
        }
        return append(partitionLog.get(), index, partition, request.acks() != 0);
    }

    private CompletableFuture<ProduceResponse.PartitionResponse> append(Log partitionLog, int index,
            ProduceRequest.PartitionData partition, boolean awaitDurable) {
        AppendResult result;
        try {
            result = partitionLog.append(partition.records(), AppendOrigin.CLIENT);
        } catch (RuntimeException e) {
            log.error("[Produce {}-{}] Append failed", partitionLog.topic(), index, e);
            return failed(index, ErrorCode.KAFKA_STORAGE_ERROR, "Append failed: " + e.getMessage());
        }
        if (!result.succeeded()) {
            return CompletableFuture.completedFuture(new ProduceResponse.PartitionResponse(index,
                    appendError(result), -1, -1, result.logStartOffset(), List.of(), result.errorMessage()));
        }
        ProduceResponse.PartitionResponse success = new ProduceResponse.PartitionResponse(index, ErrorCode.NONE,
                result.firstOffset(), result.logAppendTime(), result.logStartOffset(), List.of(), null);
        if (!awaitDurable) {
            return CompletableFuture.completedFuture(success);
        }
        return partitionLog.awaitDurable(result.nextOffset()).handle((ignored, failure) -> {
            if (failure == null) {
                return success;
            }
            log.error("[Produce {}-{}] Batches at offsets {} to {} did not become durable", partitionLog.topic(),
                    index, result.firstOffset(), result.lastOffset(), failure);
            return new ProduceResponse.PartitionResponse(index, ErrorCode.KAFKA_STORAGE_ERROR, -1, -1, -1, List.of(),
                    "The append did not become durable: " + failure.getMessage());
        });
    }

    private static ValidationPolicy policy(TopicConfig config) {
        TimestampType timestampType = config.logAppendTime() ? TimestampType.LOG_APPEND_TIME : TimestampType.CREATE_TIME;
        return new ValidationPolicy(config.maxMessageBytes(), timestampType, config.timestampBeforeMaxMs(),
                config.timestampAfterMaxMs(), false, ValidationPolicy.DEFAULT_MAX_UNCOMPRESSED_BYTES);
    }

    private static ErrorCode appendError(AppendResult result) {
        try {
            return ErrorCode.valueOf(result.error().name());
        } catch (IllegalArgumentException e) {
            return ErrorCode.UNKNOWN_SERVER_ERROR;
        }
    }

    private static Optional<TopicImage> resolve(MetadataImage image, ProduceRequest.TopicData topic, short version) {
        return version >= FIRST_VERSION_WITH_TOPIC_IDS ? image.topic(topic.topicId()) : image.topic(topic.name());
    }

    private static CompletableFuture<ProduceResponse.PartitionResponse> failed(int partition, ErrorCode error,
                                                                               String message) {
        return CompletableFuture.completedFuture(new ProduceResponse.PartitionResponse(partition, error, -1, -1, -1,
                List.of(), message));
    }

    private static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> futures) {
        return CompletableFuture.allOf(futures.toArray(new CompletableFuture<?>[0])).thenApply(ignored -> {
            List<T> values = new ArrayList<>(futures.size());
            for (CompletableFuture<T> future : futures) {
                values.add(future.join());
            }
            return values;
        });
    }

}
