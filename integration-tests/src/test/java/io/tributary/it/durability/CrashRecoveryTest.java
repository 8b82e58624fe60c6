package io.tributary.it.durability;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.BrokerProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills a broker process with SIGKILL at random moments while an idempotent acks=all producer writes to
 * it, and checks after every restart that each acknowledged record is in the log exactly once and that the
 * offsets of every partition are contiguous.
 */
class CrashRecoveryTest {

    private static final Logger LOG = LoggerFactory.getLogger(CrashRecoveryTest.class);
    private static final String TOPIC = "crash";
    private static final int PARTITIONS = 3;
    private static final int CYCLES = 20;

    @TempDir
    Path tempDir;

    @Test
    void acknowledgedRecordsSurviveSigkill() throws Exception {
        long seed = Long.getLong("tributary.crash.seed", System.nanoTime());
        LOG.info("Crash test seed {} (rerun with -Dtributary.crash.seed={})", seed, seed);
        Random random = new Random(seed);

        try (BrokerProcess broker = new BrokerProcess(tempDir.resolve("data"), BrokerProcess.freePort())) {
            broker.start();
            createTopic(broker.bootstrapServers());

            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            AtomicReference<Exception> producerFailure = new AtomicReference<>();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread producerThread = new Thread(
                    () -> produceUntilStopped(broker.bootstrapServers(), running, acknowledged, producerFailure),
                    "crash-test-producer");
            producerThread.start();
            try {
                for (int cycle = 1; cycle <= CYCLES; cycle++) {
                    Thread.sleep(200 + random.nextInt(800));
                    broker.kill();
                    Set<String> acknowledgedBeforeKill = Set.copyOf(acknowledged);
                    broker.start();

                    Map<String, Integer> stored = readAll(broker.bootstrapServers());
                    Set<String> missing = new HashSet<>(acknowledgedBeforeKill);
                    missing.removeAll(stored.keySet());
                    List<String> duplicated = stored.entrySet().stream()
                            .filter(entry -> entry.getValue() > 1).map(Map.Entry::getKey).toList();
                    assertThat(missing)
                            .as("cycle %d (seed %d): acknowledged records missing after restart", cycle, seed)
                            .isEmpty();
                    assertThat(duplicated)
                            .as("cycle %d (seed %d): records stored more than once", cycle, seed)
                            .isEmpty();
                    LOG.info("Cycle {}: {} records acknowledged before the kill, {} stored", cycle,
                            acknowledgedBeforeKill.size(), stored.size());
                }
            } finally {
                running.set(false);
                producerThread.join(Duration.ofSeconds(60).toMillis());
            }
            assertThat(producerFailure.get()).as("producer failure (seed %d)", seed).isNull();
            assertThat(acknowledged).as("records acknowledged across all cycles").hasSizeGreaterThan(CYCLES);
        }
    }

    private static void createTopic(String bootstrap) throws Exception {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
        }
    }

    private static void produceUntilStopped(String bootstrap, AtomicBoolean running, Set<String> acknowledged,
                                            AtomicReference<Exception> failure) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.LINGER_MS_CONFIG, 2);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 600_000);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, 20);
        props.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 200);
        props.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 20);
        props.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 200);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            long next = 0;
            while (running.get()) {
                String value = Long.toString(next++);
                producer.send(new ProducerRecord<>(TOPIC, value, value), (metadata, exception) -> {
                    if (exception == null) {
                        acknowledged.add(value);
                    } else {
                        failure.compareAndSet(null, exception);
                    }
                });
                if (next % 4 == 0) {
                    // About 2,000 records a second, so each check after a restart reads a bounded log.
                    Thread.sleep(2);
                }
            }
            producer.flush();
        } catch (Exception e) {
            failure.compareAndSet(null, e);
        }
    }

    /** Reads every partition from offset 0 to its end; returns each value with its count and checks offsets. */
    private static Map<String, Integer> readAll(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (int p = 0; p < PARTITIONS; p++) {
                partitions.add(new TopicPartition(TOPIC, p));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> endOffsets = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, Long> expectedNext = new HashMap<>();
            partitions.forEach(tp -> expectedNext.put(tp, 0L));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!reachedEnd(expectedNext, endOffsets) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    if (record.offset() >= endOffsets.get(tp)) {
                        // Written after the end offsets were read; the next check covers it.
                        continue;
                    }
                    assertThat(record.offset()).as("offset in %s", tp).isEqualTo(expectedNext.get(tp));
                    expectedNext.put(tp, record.offset() + 1);
                    counts.merge(record.value(), 1, Integer::sum);
                }
            }
            assertThat(expectedNext).as("read up to the end offsets").isEqualTo(endOffsets);
        }
        return counts;
    }

    private static boolean reachedEnd(Map<TopicPartition, Long> next, Map<TopicPartition, Long> end) {
        return next.entrySet().stream().allMatch(e -> e.getValue() >= end.get(e.getKey()));
    }
}
