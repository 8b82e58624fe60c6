package io.tributary.it.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.FrameProxy;
import io.tributary.it.support.TestBroker;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * An idempotent producer whose first Produce response is lost after the broker appended the batch. The
 * producer times out the request and sends the same batch again. The broker must detect the duplicate by
 * its producer id and sequence number and must not append it a second time.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class IdempotentRetryTest {

    private static final String TOPIC = "payments";
    private static final TopicPartition PARTITION = new TopicPartition(TOPIC, 0);

    @TempDir
    Path dataDir;

    @Test
    void retriedBatchIsStoredOnce() throws Exception {
        AtomicBoolean droppedOne = new AtomicBoolean();
        try (FrameProxy proxy = new FrameProxy(
                apiKey -> apiKey == ApiKeys.PRODUCE.id && droppedOne.compareAndSet(false, true));
             TestBroker broker = TestBroker.start(dataDir,
                     Map.of("advertised.listeners", "PLAINTEXT://127.0.0.1:" + proxy.port()))) {
            proxy.forwardTo(new InetSocketAddress("127.0.0.1", broker.port()));
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(15, TimeUnit.SECONDS);
            }
            String viaProxy = "127.0.0.1:" + proxy.port();

            RecordMetadata metadata;
            double retries;
            try (KafkaProducer<String, String> producer = broker.producer(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, viaProxy,
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                    ProducerConfig.LINGER_MS_CONFIG, 0,
                    ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                    ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 100,
                    ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000))) {
                metadata = producer.send(new ProducerRecord<>(TOPIC, "k", "once")).get(40, TimeUnit.SECONDS);
                retries = producerMetric(producer.metrics(), "record-retry-total");
            }

            assertThat(proxy.droppedResponses()).as("dropped Produce responses").isEqualTo(1);
            assertThat(retries).as("record-retry-total").isGreaterThan(0);
            assertThat(metadata.offset()).as("offset acknowledged to the producer").isZero();

            try (KafkaConsumer<String, String> consumer = broker.consumer(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, viaProxy))) {
                consumer.assign(List.of(PARTITION));
                consumer.seekToBeginning(List.of(PARTITION));
                long endOffset = consumer.endOffsets(List.of(PARTITION)).get(PARTITION);
                List<ConsumerRecord<String, String>> records = readUpTo(consumer, endOffset);

                assertThat(endOffset).as("log end offset").isEqualTo(1L);
                assertThat(records).extracting(ConsumerRecord::value).containsExactly("once");
                assertThat(records).extracting(ConsumerRecord::offset).containsExactly(0L);
            }
        }
    }

    private static double producerMetric(Map<MetricName, ? extends Metric> metrics, String name) {
        return metrics.entrySet().stream()
                .filter(entry -> entry.getKey().name().equals(name)
                        && entry.getKey().group().equals("producer-metrics"))
                .map(entry -> ((Number) entry.getValue().metricValue()).doubleValue())
                .findFirst()
                .orElseThrow(() -> new AssertionError("producer metric " + name + " not found"));
    }

    /** Reads the partition until the consumer's position reaches {@code endOffset}, for at most 15 seconds. */
    private static List<ConsumerRecord<String, String>> readUpTo(KafkaConsumer<String, String> consumer,
                                                                 long endOffset) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (consumer.position(PARTITION) < endOffset && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
