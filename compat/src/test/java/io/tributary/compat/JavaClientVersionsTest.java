package io.tributary.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.compat.ReflectiveClients.Received;
import io.tributary.compat.ReflectiveClients.Sent;
import io.tributary.server.TributaryServer;
import io.tributary.server.config.ServerConfig;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs released Java kafka-clients versions, each from its own class loader, against one in-process
 * Tributary server. Each version creates a topic with the Admin client, produces keyed records and
 * consumes them in a group with a manual commit. A second consumer in the same group then resumes
 * from the committed offsets.
 *
 * <p>The outcome of every scenario is written to {@code target/compat/java-clients.md}.
 */
class JavaClientVersionsTest {

    private static final int PARTITIONS = 3;
    private static final int RECORDS = 30;
    private static final int DISTINCT_KEYS = 10;
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(500);
    private static final Duration CONSUME_DEADLINE = Duration.ofSeconds(30);

    private static final CompatReport REPORT = new CompatReport("Java kafka-clients against Tributary");

    @TempDir
    static Path dataDir;

    private static TributaryServer server;

    @BeforeAll
    static void startServer() throws Exception {
        Map<String, String> settings = new HashMap<>();
        settings.put("listeners", "PLAINTEXT://127.0.0.1:0");
        settings.put("log.dirs", dataDir.toString());
        settings.put("group.initial.rebalance.delay.ms", "0");
        server = TributaryServer.builder(ServerConfig.of(settings)).build().start();
    }

    @AfterAll
    static void stopServerAndWriteReport() throws Exception {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            String reportDir = System.getProperty("tributary.compat.reportDir", "target/compat");
            REPORT.write(Paths.get(reportDir, "java-clients.md"));
        }
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @ValueSource(strings = {"2.1.1", "2.8.2", "3.9.1", "4.4.0"})
    void clientProducesConsumesAndResumesGroup(String version) throws Exception {
        String topic = "compat-" + version.replace('.', '-');
        String groupId = topic + "-group";
        Thread thread = Thread.currentThread();
        ClassLoader previousContextLoader = thread.getContextClassLoader();
        try (URLClassLoader loader = ClientClassLoaders.forVersion(version)) {
            // kafka-clients resolves serializer class names through the context class loader, which
            // otherwise is the test class path with kafka-clients 4.4.0 on it.
            thread.setContextClassLoader(loader);
            ReflectiveClients clients = new ReflectiveClients(loader, "127.0.0.1:" + server.boundPort());

            step(version, "client version", () -> assertThat(clients.clientVersion()).isEqualTo(version));
            step(version, "create topic", () -> clients.createTopic(topic, PARTITIONS, (short) 1));

            List<Sent> sent = new ArrayList<>();
            step(version, "produce keyed records", () -> produceKeyedRecords(clients, topic, sent));
            step(version, "consume in group and commit", () -> consumeAllAndCommit(clients, topic, groupId, sent));
            step(version, "resume from committed offsets", () -> resumeFromCommitted(clients, topic, groupId));
        } finally {
            thread.setContextClassLoader(previousContextLoader);
        }
    }

    private static void produceKeyedRecords(ReflectiveClients clients, String topic, List<Sent> sent)
            throws Exception {
        Map<Integer, Long> nextOffset = new HashMap<>();
        try (ReflectiveClients.Producer producer = clients.producer()) {
            for (int i = 0; i < RECORDS; i++) {
                String key = key(i);
                Sent result = producer.send(topic, key, value(i));
                int expectedPartition = clients.defaultPartition(key, PARTITIONS);
                assertThat(result.partition()).as("partition of record %d with key %s", i, key)
                        .isEqualTo(expectedPartition);
                long expectedOffset = nextOffset.getOrDefault(expectedPartition, 0L);
                assertThat(result.offset()).as("offset of record %d in partition %d", i, expectedPartition)
                        .isEqualTo(expectedOffset);
                nextOffset.put(expectedPartition, expectedOffset + 1);
                sent.add(result);
            }
        }
    }

    private static void consumeAllAndCommit(ReflectiveClients clients, String topic, String groupId,
            List<Sent> sent) throws Exception {
        assertThat(sent).as("records acknowledged by the producer step").hasSize(RECORDS);
        List<Received> received = new ArrayList<>();
        try (ReflectiveClients.Consumer consumer = clients.consumer(groupId)) {
            consumer.subscribe(topic);
            long deadline = System.nanoTime() + CONSUME_DEADLINE.toNanos();
            while (received.size() < RECORDS && System.nanoTime() < deadline) {
                received.addAll(consumer.poll(POLL_TIMEOUT));
            }
            consumer.commitSync();
        }
        assertThat(received).as("records consumed from the beginning").hasSize(RECORDS);
        Map<String, Received> byValue = new HashMap<>();
        for (Received record : received) {
            assertThat(byValue.put(record.value(), record)).as("duplicate delivery of %s", record).isNull();
        }
        for (int i = 0; i < RECORDS; i++) {
            Received record = byValue.get(value(i));
            assertThat(record).as("consumed record %d", i).isNotNull();
            assertThat(record.key()).as("key of record %d", i).isEqualTo(key(i));
            assertThat(record.partition()).as("partition of record %d", i).isEqualTo(sent.get(i).partition());
            assertThat(record.offset()).as("offset of record %d", i).isEqualTo(sent.get(i).offset());
        }
    }

    private static void resumeFromCommitted(ReflectiveClients clients, String topic, String groupId)
            throws Exception {
        String newValue = "value-after-commit";
        Sent newRecord;
        try (ReflectiveClients.Producer producer = clients.producer()) {
            newRecord = producer.send(topic, key(0), newValue);
        }
        List<Received> received = new ArrayList<>();
        try (ReflectiveClients.Consumer consumer = clients.consumer(groupId)) {
            consumer.subscribe(topic);
            long deadline = System.nanoTime() + CONSUME_DEADLINE.toNanos();
            while (received.isEmpty() && System.nanoTime() < deadline) {
                received.addAll(consumer.poll(POLL_TIMEOUT));
            }
            // One more poll gives committed-offset mistakes a chance to deliver an old record.
            received.addAll(consumer.poll(POLL_TIMEOUT));
        }
        assertThat(received).as("records delivered after the commit").hasSize(1);
        Received only = received.get(0);
        assertThat(only.value()).isEqualTo(newValue);
        assertThat(only.partition()).isEqualTo(newRecord.partition());
        assertThat(only.offset()).isEqualTo(newRecord.offset());
    }

    /** Runs one scenario, records its outcome in the report and rethrows its failure. */
    private static void step(String version, String scenario, Scenario body) throws Exception {
        try {
            body.run();
            REPORT.record(version, scenario, true, "");
        } catch (Exception | AssertionError e) {
            REPORT.record(version, scenario, false, e.getClass().getSimpleName() + ": " + e.getMessage());
            throw e;
        }
    }

    private static String key(int index) {
        return "key-" + (index % DISTINCT_KEYS);
    }

    private static String value(int index) {
        return "value-" + index;
    }

    @FunctionalInterface
    private interface Scenario {
        void run() throws Exception;
    }
}
