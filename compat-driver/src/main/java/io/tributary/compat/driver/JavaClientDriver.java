package io.tributary.compat.driver;

import java.time.Duration;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.ApiException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Static entry points over the kafka-clients API that is the same, source and binary, from 2.1.1 to 4.4.0.
 * Every parameter and result is a JDK type, so a test can call these methods through reflection in a class
 * loader that contains any one of those client versions next to this class.
 *
 * <p>A record is a {@code Map<String, Object>} with the keys {@link #PARTITION} (Integer), {@link #OFFSET}
 * (Long), {@link #TIMESTAMP} (Long), {@link #KEY} and {@link #VALUE} (byte[], may be null) and
 * {@link #HEADERS} (a {@code List<Map.Entry<String, byte[]>>} in order, values may be null). A record to
 * send leaves out the offset, and may leave out the partition and the timestamp.
 *
 * <p>Failures are thrown as the client threw them, with the cause of an {@link ExecutionException} in place
 * of the wrapper. Callers must make the client's class loader the thread's context class loader, because
 * kafka-clients loads the classes named in its configuration through it.
 */
public final class JavaClientDriver {

    public static final String PARTITION = "partition";
    public static final String OFFSET = "offset";
    public static final String TIMESTAMP = "timestamp";
    public static final String KEY = "key";
    public static final String VALUE = "value";
    public static final String HEADERS = "headers";

    /** Upper bound for each blocking call that takes no timeout of its own, in milliseconds. */
    private static final long CALL_TIMEOUT_MS = 10_000;

    private JavaClientDriver() {
    }

    /**
     * Returns the version kafka-clients reports about itself. The class that reports it moved to an
     * {@code internals} package in 4.x, so it is looked up by name.
     */
    public static String clientVersion() throws ReflectiveOperationException {
        Class<?> parser;
        try {
            parser = Class.forName("org.apache.kafka.common.utils.AppInfoParser");
        } catch (ClassNotFoundException e) {
            parser = Class.forName("org.apache.kafka.common.utils.internals.AppInfoParser");
        }
        return (String) parser.getMethod("getVersion").invoke(null);
    }

    /**
     * Returns the highest version of each API that this client version's request builders use by default,
     * keyed by the API's name in the protocol guide, for example {@code OffsetCommit}. From 3.x on a client
     * leaves out an unreleased last version, which {@code latestVersion(false)} excludes.
     */
    public static Map<String, Integer> maxApiVersions() throws ReflectiveOperationException {
        Map<String, Integer> versions = new HashMap<>();
        for (ApiKeys key : ApiKeys.values()) {
            short latest;
            try {
                latest = (short) ApiKeys.class.getMethod("latestVersion", boolean.class).invoke(key, false);
            } catch (NoSuchMethodException e) {
                latest = key.latestVersion();
            }
            versions.put(key.name, (int) latest);
        }
        return versions;
    }

    /**
     * Returns the name of the error code that {@code error} stands for, for example {@code MESSAGE_TOO_LARGE}.
     * Some client exceptions are not the broker error's own class but share its simple name, such as the
     * consumer's {@code OffsetOutOfRangeException} thrown for OFFSET_OUT_OF_RANGE when no reset policy applies;
     * {@link Errors#forException} maps those to UNKNOWN_SERVER_ERROR, so they are matched by simple name.
     */
    public static String errorName(Throwable error) {
        Errors byClass = Errors.forException(error);
        if (byClass != Errors.UNKNOWN_SERVER_ERROR || error instanceof ApiException) {
            return byClass.name();
        }
        for (Errors candidate : Errors.values()) {
            ApiException exception = candidate.exception();
            if (exception != null && exception.getClass().getSimpleName().equals(error.getClass().getSimpleName())) {
                return candidate.name();
            }
        }
        return byClass.name();
    }

    /** Creates a topic with replication factor 1 and the given topic configs, and waits for the result. */
    public static void createTopic(Map<String, Object> config, String topic, int partitions,
            Map<String, String> topicConfigs) throws Exception {
        NewTopic newTopic = new NewTopic(topic, partitions, (short) 1).configs(topicConfigs);
        try (AdminClient admin = AdminClient.create(config)) {
            await(admin.createTopics(Collections.singletonList(newTopic)).all());
        }
    }

    /** Deletes a topic and waits for the result. */
    public static void deleteTopic(Map<String, Object> config, String topic) throws Exception {
        try (AdminClient admin = AdminClient.create(config)) {
            await(admin.deleteTopics(Collections.singletonList(topic)).all());
        }
    }

    /**
     * Sends {@code records} in order with one producer, flushes, and returns for each the partition and
     * offset the broker assigned.
     */
    public static List<Map<String, Object>> produce(Map<String, Object> config, String topic,
            List<Map<String, Object>> records) throws Exception {
        List<Future<RecordMetadata>> futures = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer =
                new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            for (Map<String, Object> record : records) {
                futures.add(producer.send(toProducerRecord(topic, record)));
            }
            producer.flush();
            List<Map<String, Object>> results = new ArrayList<>();
            for (Future<RecordMetadata> future : futures) {
                RecordMetadata metadata = await(future);
                Map<String, Object> result = new LinkedHashMap<>();
                result.put(PARTITION, metadata.partition());
                result.put(OFFSET, metadata.offset());
                results.add(result);
            }
            return results;
        }
    }

    @SuppressWarnings("unchecked")
    private static ProducerRecord<byte[], byte[]> toProducerRecord(String topic, Map<String, Object> record) {
        ProducerRecord<byte[], byte[]> producerRecord = new ProducerRecord<>(topic,
                (Integer) record.get(PARTITION), (Long) record.get(TIMESTAMP),
                (byte[]) record.get(KEY), (byte[]) record.get(VALUE));
        Object headers = record.get(HEADERS);
        if (headers != null) {
            for (Map.Entry<String, byte[]> header : (List<Map.Entry<String, byte[]>>) headers) {
                producerRecord.headers().add(header.getKey(), header.getValue());
            }
        }
        return producerRecord;
    }

    /** Opens a consumer with byte-array deserializers; the result is passed to the other consumer methods. */
    public static Object openConsumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    public static void assign(Object consumer, String topic, List<Integer> partitions) {
        List<TopicPartition> assignment = new ArrayList<>();
        for (int partition : partitions) {
            assignment.add(new TopicPartition(topic, partition));
        }
        consumer(consumer).assign(assignment);
    }

    public static void seek(Object consumer, String topic, int partition, long offset) {
        consumer(consumer).seek(new TopicPartition(topic, partition), offset);
    }

    public static void subscribe(Object consumer, String topic) {
        consumer(consumer).subscribe(Collections.singletonList(topic));
    }

    /** Polls once and returns the records in the order the client delivered them. */
    public static List<Map<String, Object>> poll(Object consumer, long timeoutMs) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer(consumer).poll(Duration.ofMillis(timeoutMs))) {
            Map<String, Object> map = new LinkedHashMap<>();
            map.put(PARTITION, record.partition());
            map.put(OFFSET, record.offset());
            map.put(TIMESTAMP, record.timestamp());
            map.put(KEY, record.key());
            map.put(VALUE, record.value());
            List<Map.Entry<String, byte[]>> headers = new ArrayList<>();
            for (Header header : record.headers()) {
                headers.add(new AbstractMap.SimpleEntry<>(header.key(), header.value()));
            }
            map.put(HEADERS, headers);
            records.add(map);
        }
        return records;
    }

    /** Returns the consumer's count of fetch requests sent so far, its {@code fetch-total} metric. */
    public static double fetchCount(Object consumer) {
        for (Map.Entry<MetricName, ? extends Metric> metric : consumer(consumer).metrics().entrySet()) {
            if (metric.getKey().name().equals("fetch-total")
                    && metric.getKey().group().equals("consumer-fetch-manager-metrics")) {
                return ((Number) metric.getValue().metricValue()).doubleValue();
            }
        }
        return -1;
    }

    public static void commitSync(Object consumer) {
        consumer(consumer).commitSync();
    }

    public static long position(Object consumer, String topic, int partition) {
        return consumer(consumer).position(new TopicPartition(topic, partition));
    }

    /**
     * Returns the first offset of the partition whose timestamp is at or after {@code timestamp}, or null
     * when the client reports none (every record is older).
     */
    public static Long offsetForTime(Object consumer, String topic, int partition, long timestamp) {
        TopicPartition topicPartition = new TopicPartition(topic, partition);
        OffsetAndTimestamp found = consumer(consumer)
                .offsetsForTimes(Collections.singletonMap(topicPartition, timestamp)).get(topicPartition);
        return found == null ? null : found.offset();
    }

    public static void closeConsumer(Object consumer) {
        consumer(consumer).close(Duration.ofMillis(CALL_TIMEOUT_MS / 2));
    }

    @SuppressWarnings("unchecked")
    private static KafkaConsumer<byte[], byte[]> consumer(Object consumer) {
        return (KafkaConsumer<byte[], byte[]>) consumer;
    }

    private static <T> T await(Future<T> future) throws Exception {
        try {
            return future.get(CALL_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception) {
                throw (Exception) cause;
            }
            throw e;
        }
    }
}
