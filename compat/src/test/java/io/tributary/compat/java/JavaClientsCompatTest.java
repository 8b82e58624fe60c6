package io.tributary.compat.java;

import static io.tributary.compat.java.JavaClient.bytes;
import static io.tributary.compat.java.JavaClient.text;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.compat.support.CompatBrokers;
import io.tributary.compat.support.CompatBrokers.Target;
import io.tributary.compat.support.Matrix;
import io.tributary.compat.support.RequestLog;
import io.tributary.compat.support.Scenario;
import java.util.AbstractMap.SimpleEntry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs every scenario of the compatibility matrix with the Java clients kafka-clients 2.1.1, 2.8.2, 3.9.1 and
 * 4.4.0, each from its own class loader through {@link JavaClient}, and records the cells in {@link Matrix}.
 * Compared scenarios run the same steps against Kafka 4.4 and Tributary. The first use of each version checks
 * that its class loader really contains that version.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JavaClientsCompatTest {

    private static final Logger LOG = LoggerFactory.getLogger(JavaClientsCompatTest.class);
    private static final String V2_1 = "2.1.1";
    private static final String V4_4 = "4.4.0";
    private static final long POLL_MS = 500;
    private static final long CONSUME_DEADLINE_MS = 15_000;
    /** Value length that makes a one-record uncompressed batch with a null key and no headers 100,000 bytes. */
    private static final int VALUE_FOR_100000_BYTE_BATCH = 100_000 - 72;

    private static final Map<String, JavaClient> CLIENTS = new HashMap<>();

    @AfterAll
    static void closeClients() throws Exception {
        for (JavaClient client : CLIENTS.values()) {
            client.close();
        }
        CLIENTS.clear();
    }

    /** Returns the client of {@code version}, checking on first use that its loader reports that version. */
    private static JavaClient client(String version) throws Exception {
        JavaClient client = CLIENTS.get(version);
        if (client == null) {
            client = JavaClient.open(version);
            assertThat(client.clientVersion()).as("version reported by the class loader of %s", version)
                    .isEqualTo(version);
            CLIENTS.put(version, client);
        }
        return client;
    }

    private static String tributary() {
        return CompatBrokers.tributary().bootstrapServers();
    }

    private static String topic(JavaClient client, String scenario) {
        return "java-" + client.version().replace('.', '-') + "-" + scenario;
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @ValueSource(strings = {"2.1.1", "2.8.2", "3.9.1", "4.4.0"})
    @Order(1)
    void keyedRecordsLandInReportedPartition(String version) throws Exception {
        JavaClient client = client(version);
        Matrix.run(client.column(), Scenario.KEYED_PRODUCE, () -> {
            String topic = topic(client, "keyed");
            String clientId = client.clientId("keyed");
            client.createTopic(tributary(), clientId, topic, 3, Map.of());
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                records.add(record("key-" + (i % 10), "value-" + i));
            }
            List<Map<String, Object>> sent = client.produce(client.producerConfig(tributary(), clientId), topic,
                    records);

            Map<String, Map<String, Object>> stored = readAll(client,
                    client.consumerConfig(tributary(), clientId, null, "earliest"), topic, List.of(0, 1, 2), 30);
            Map<String, Integer> partitionOfKey = new HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                Map<String, Object> result = sent.get(i);
                Map<String, Object> found = stored.get(result.get(JavaClient.PARTITION) + "@"
                        + result.get(JavaClient.OFFSET));
                assertThat(found).as("record %d at its reported partition and offset %s", i, result).isNotNull();
                assertThat(text(found.get(JavaClient.KEY))).as("key of record %d", i).isEqualTo("key-" + (i % 10));
                assertThat(text(found.get(JavaClient.VALUE))).as("value of record %d", i).isEqualTo("value-" + i);
                Integer previous = partitionOfKey.put("key-" + (i % 10), (Integer) result.get(JavaClient.PARTITION));
                assertThat(previous).as("partition of key-%d", i % 10)
                        .isIn(null, result.get(JavaClient.PARTITION));
            }
            assertThat(Set.copyOf(partitionOfKey.values())).as("partitions used by 10 keys").hasSizeGreaterThan(1);
        });
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @ValueSource(strings = {"2.1.1", "2.8.2", "3.9.1", "4.4.0"})
    @Order(2)
    void groupResumesFromCommittedOffsets(String version) throws Exception {
        JavaClient client = client(version);
        Matrix.run(client.column(), Scenario.GROUP_COMMIT_RESUME, () -> {
            String topic = topic(client, "group");
            String clientId = client.clientId("group");
            String group = topic + "-group";
            client.createTopic(tributary(), clientId, topic, 3, Map.of());
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                records.add(record("key-" + (i % 10), "value-" + i));
            }
            client.produce(client.producerConfig(tributary(), clientId), topic, records);

            Map<String, Object> groupConfig = client.consumerConfig(tributary(), clientId, group, "earliest");
            List<Map<String, Object>> first = new ArrayList<>();
            try (JavaClient.Consumer consumer = client.consumer(groupConfig)) {
                consumer.subscribe(topic);
                pollUntil(consumer, first, 30);
                consumer.commitSync();
            }
            assertThat(first).as("records read by the group from the beginning").hasSize(30);

            Map<String, Object> after = client.produce(client.producerConfig(tributary(), clientId), topic,
                    List.of(record("key-0", "after-commit"))).get(0);
            List<Map<String, Object>> resumed = new ArrayList<>();
            try (JavaClient.Consumer consumer = client.consumer(groupConfig)) {
                consumer.subscribe(topic);
                pollUntil(consumer, resumed, 1);
                // One more poll gives a wrong committed offset the chance to deliver an old record.
                resumed.addAll(consumer.poll(POLL_MS));
            }
            assertThat(resumed).as("records read after the restart").hasSize(1);
            assertThat(text(resumed.get(0).get(JavaClient.VALUE))).isEqualTo("after-commit");
            assertThat(resumed.get(0).get(JavaClient.PARTITION)).isEqualTo(after.get(JavaClient.PARTITION));
            assertThat(resumed.get(0).get(JavaClient.OFFSET)).isEqualTo(after.get(JavaClient.OFFSET));
        });
    }

    static Stream<Arguments> versionsAndCodecs() {
        List<Arguments> arguments = new ArrayList<>();
        for (String version : List.of("2.1.1", "2.8.2", "3.9.1", "4.4.0")) {
            for (String codec : List.of("none", "gzip", "snappy", "lz4", "zstd")) {
                arguments.add(Arguments.of(version, codec));
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "kafka-clients {0} {1}")
    @MethodSource("versionsAndCodecs")
    @Order(3)
    void codecBatchesReadByAnotherVersion(String version, String codec) throws Exception {
        JavaClient client = client(version);
        JavaClient other = client(version.equals(V4_4) ? V2_1 : V4_4);
        Scenario scenario = Scenario.valueOf("CODEC_" + codec.toUpperCase(Locale.ROOT));
        Matrix.run(client.column(), scenario, () -> {
            String topic = topic(client, "codec-" + codec);
            String clientId = client.clientId("codec");
            String otherId = other.clientId("codec");
            client.createTopic(tributary(), clientId, topic, 1, Map.of());

            // This version writes, the other reads.
            Map<String, Object> producer = client.producerConfig(tributary(), clientId);
            producer.put("compression.type", codec);
            client.produce(producer, topic, values("written-by-" + version, 5));
            List<Map<String, Object>> read = readFrom(other,
                    other.consumerConfig(tributary(), otherId, null, "earliest"), topic, 0, 5);
            assertThat(read).extracting(r -> text(r.get(JavaClient.VALUE)))
                    .as("values the other client read").containsExactlyElementsOf(texts("written-by-" + version, 5));

            // The other version writes, this one reads.
            Map<String, Object> otherProducer = other.producerConfig(tributary(), otherId);
            otherProducer.put("compression.type", codec);
            other.produce(otherProducer, topic, values("written-by-" + other.version(), 5));
            List<Map<String, Object>> readBack = readFrom(client,
                    client.consumerConfig(tributary(), clientId, null, "earliest"), topic, 5, 5);
            assertThat(readBack).extracting(r -> text(r.get(JavaClient.VALUE)))
                    .as("values this client read").containsExactlyElementsOf(texts("written-by-" + other.version(), 5));

            List<StoredBatches.Batch> batches = StoredBatches.of(topic, 0);
            assertThat(batches).as("batches stored by Tributary").isNotEmpty();
            assertThat(batches).extracting(StoredBatches.Batch::codec).as("codec of every stored batch")
                    .containsOnly(codec);
        });
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @ValueSource(strings = {"2.1.1", "2.8.2", "3.9.1", "4.4.0"})
    @Order(4)
    void headersAndNullsSurviveRoundTrip(String version) throws Exception {
        JavaClient client = client(version);
        Matrix.run(client.column(), Scenario.HEADERS_AND_NULLS, () -> {
            String topic = topic(client, "headers");
            String clientId = client.clientId("headers");
            client.createTopic(tributary(), clientId, topic, 1, Map.of());
            Map<String, Object> withHeaders = record(null, "value-with-headers");
            withHeaders.put(JavaClient.HEADERS, List.of(
                    new SimpleEntry<>("trace", bytes("a")),
                    new SimpleEntry<>("trace", bytes("b")),
                    new SimpleEntry<>("empty", (byte[]) null)));
            Map<String, Object> tombstone = record("key-of-null-value", null);
            client.produce(client.producerConfig(tributary(), clientId), topic, List.of(withHeaders, tombstone));

            List<Map<String, Object>> read = readFrom(client,
                    client.consumerConfig(tributary(), clientId, null, "earliest"), topic, 0, 2);
            assertThat(read).hasSize(2);
            assertThat(read.get(0).get(JavaClient.KEY)).as("null key").isNull();
            assertThat(text(read.get(0).get(JavaClient.VALUE))).isEqualTo("value-with-headers");
            assertThat(headers(read.get(0))).as("headers in order, with a repeated key and a null value")
                    .containsExactly("trace=a", "trace=b", "empty=null");
            assertThat(text(read.get(1).get(JavaClient.KEY))).isEqualTo("key-of-null-value");
            assertThat(read.get(1).get(JavaClient.VALUE)).as("null value").isNull();
            assertThat(headers(read.get(1))).as("headers of a record sent without any").isEmpty();
        });
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @ValueSource(strings = {"2.1.1", "2.8.2", "3.9.1", "4.4.0"})
    @Order(5)
    void sizeLimitMatchesKafka(String version) throws Exception {
        JavaClient client = client(version);
        Matrix.run(client.column(), Scenario.SIZE_LIMIT, () -> {
            String kafkaOutcome = sizeLimitOutcome(client, CompatBrokers.kafka());
            String tributaryOutcome = sizeLimitOutcome(client, CompatBrokers.tributary());

            List<StoredBatches.Batch> batches = StoredBatches.of(topic(client, "size-limit"), 0);
            assertThat(batches).extracting(StoredBatches.Batch::size).as("stored batch sizes")
                    .containsExactly(100_000);
            assertThat(RequestLog.versionsUsed(client.clientId("size-limit")))
                    .as("APIs the size-limit producer sent to Tributary").containsKey("Produce");
            Matrix.compare(client.column(), Scenario.SIZE_LIMIT, kafkaOutcome, tributaryOutcome);
        });
    }

    /** Sends a 100,000-byte and a 100,001-byte batch; max.request.size (default 1 MiB) is above both. */
    private static String sizeLimitOutcome(JavaClient client, Target target) throws Exception {
        String topic = topic(client, "size-limit");
        String clientId = client.clientId("size-limit");
        client.createTopic(target.bootstrapServers(), clientId, topic, 1, Map.of("max.message.bytes", "100000"));
        Map<String, Object> config = client.producerConfig(target.bootstrapServers(), clientId);
        config.put("compression.type", "none");
        config.put("retries", 0);
        StringBuilder outcome = new StringBuilder();
        for (int batchSize : new int[] {100_000, 100_001}) {
            Map<String, Object> record = new HashMap<>();
            record.put(JavaClient.VALUE, new byte[batchSize - 72]);
            outcome.append(outcome.length() == 0 ? "" : "; ").append(batchSize).append(" B: ");
            try {
                Map<String, Object> sent = client.produce(config, topic, List.of(record)).get(0);
                outcome.append("stored at offset ").append(sent.get(JavaClient.OFFSET));
            } catch (Exception e) {
                outcome.append(client.describeError(e));
            }
        }
        return outcome.toString();
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @ValueSource(strings = {"2.1.1", "2.8.2", "3.9.1", "4.4.0"})
    @Order(6)
    void offsetsLookedUpByTimestamp(String version) throws Exception {
        JavaClient client = client(version);
        Matrix.run(client.column(), Scenario.OFFSETS_FOR_TIMES, () -> {
            String topic = topic(client, "times");
            String clientId = client.clientId("times");
            client.createTopic(tributary(), clientId, topic, 1, Map.of());
            long base = System.currentTimeMillis() - 60_000;
            List<Map<String, Object>> records = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Map<String, Object> record = record(null, "value-" + i);
                record.put(JavaClient.TIMESTAMP, base + i * 1000L);
                records.add(record);
            }
            client.produce(client.producerConfig(tributary(), clientId), topic, records);

            try (JavaClient.Consumer consumer = client.consumer(
                    client.consumerConfig(tributary(), clientId, null, "earliest"))) {
                assertThat(consumer.offsetForTime(topic, 0, base - 5000)).as("before the first").isEqualTo(0L);
                assertThat(consumer.offsetForTime(topic, 0, base)).as("at the first").isEqualTo(0L);
                assertThat(consumer.offsetForTime(topic, 0, base + 3500)).as("between 3 and 4").isEqualTo(4L);
                assertThat(consumer.offsetForTime(topic, 0, base + 9000)).as("at the last").isEqualTo(9L);
                assertThat(consumer.offsetForTime(topic, 0, base + 9001)).as("after the last").isNull();
            }
        });
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @ValueSource(strings = {"2.1.1", "2.8.2", "3.9.1", "4.4.0"})
    @Order(7)
    void resetEarliestMatchesKafka(String version) throws Exception {
        JavaClient client = client(version);
        Matrix.run(client.column(), Scenario.RESET_EARLIEST, () -> Matrix.compare(client.column(),
                Scenario.RESET_EARLIEST, resetOutcome(client, CompatBrokers.kafka(), "earliest"),
                resetOutcome(client, CompatBrokers.tributary(), "earliest")));
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @ValueSource(strings = {"2.1.1", "2.8.2", "3.9.1", "4.4.0"})
    @Order(8)
    void resetLatestMatchesKafka(String version) throws Exception {
        JavaClient client = client(version);
        Matrix.run(client.column(), Scenario.RESET_LATEST, () -> Matrix.compare(client.column(),
                Scenario.RESET_LATEST, resetOutcome(client, CompatBrokers.kafka(), "latest"),
                resetOutcome(client, CompatBrokers.tributary(), "latest")));
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @ValueSource(strings = {"2.1.1", "2.8.2", "3.9.1", "4.4.0"})
    @Order(9)
    void resetNoneMatchesKafka(String version) throws Exception {
        JavaClient client = client(version);
        Matrix.run(client.column(), Scenario.RESET_NONE, () -> Matrix.compare(client.column(),
                Scenario.RESET_NONE, resetOutcome(client, CompatBrokers.kafka(), "none"),
                resetOutcome(client, CompatBrokers.tributary(), "none")));
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @ValueSource(strings = {"2.1.1", "2.8.2", "3.9.1", "4.4.0"})
    @Order(10)
    void resetByDurationMatchesKafka(String version) throws Exception {
        JavaClient client = client(version);
        if (!version.equals(V4_4)) {
            // by_duration:<ISO-8601 duration> was added to auto.offset.reset in kafka-clients 4.0.
            Matrix.notApplicable(client.column(), Scenario.RESET_BY_DURATION);
            return;
        }
        Matrix.run(client.column(), Scenario.RESET_BY_DURATION, () -> Matrix.compare(client.column(),
                Scenario.RESET_BY_DURATION, resetOutcome(client, CompatBrokers.kafka(), "by_duration:PT1H"),
                resetOutcome(client, CompatBrokers.tributary(), "by_duration:PT1H")));
    }

    /**
     * Produces 10 records (for by_duration the first 5 two hours old, the rest one minute old), seeks a
     * consumer without a group to offset 1000 with {@code reset}, and describes what it then reads: for
     * latest, after its position moved, one record produced after the reset.
     */
    private static String resetOutcome(JavaClient client, Target target, String reset) throws Exception {
        String scenario = "reset-" + reset.replace(':', '-').toLowerCase(Locale.ROOT);
        String topic = topic(client, scenario);
        String clientId = client.clientId(scenario);
        client.createTopic(target.bootstrapServers(), clientId, topic, 1, Map.of());
        long now = System.currentTimeMillis();
        List<Map<String, Object>> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            Map<String, Object> record = record(null, "value-" + i);
            record.put(JavaClient.TIMESTAMP, i < 5 ? now - 7_200_000L : now - 60_000L);
            records.add(record);
        }
        Map<String, Object> producer = client.producerConfig(target.bootstrapServers(), clientId);
        client.produce(producer, topic, records);

        List<Map<String, Object>> read = new ArrayList<>();
        try (JavaClient.Consumer consumer = client.consumer(
                client.consumerConfig(target.bootstrapServers(), clientId, null, reset))) {
            consumer.assign(topic, List.of(0));
            consumer.seek(topic, 0, 1000);
            long deadline = System.currentTimeMillis() + CONSUME_DEADLINE_MS;
            try {
                if (reset.equals("latest")) {
                    while (consumer.position(topic, 0) == 1000 && System.currentTimeMillis() < deadline) {
                        read.addAll(consumer.poll(POLL_MS));
                    }
                    String position = "position after reset " + consumer.position(topic, 0);
                    client.produce(producer, topic, List.of(record(null, "after-reset")));
                    pollUntil(consumer, read, 1);
                    return position + "; read " + offsets(read);
                }
                int expected = reset.startsWith("by_duration") ? 5 : 10;
                while (read.size() < expected && System.currentTimeMillis() < deadline) {
                    read.addAll(consumer.poll(POLL_MS));
                }
                return "read " + offsets(read);
            } catch (Exception e) {
                return "read " + offsets(read) + "; " + client.describeError(e);
            }
        }
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @ValueSource(strings = {"2.1.1", "2.8.2", "3.9.1", "4.4.0"})
    @Order(11)
    void unknownTopicMatchesKafka(String version) throws Exception {
        JavaClient client = client(version);
        Matrix.run(client.column(), Scenario.UNKNOWN_TOPIC, () -> Matrix.compare(client.column(),
                Scenario.UNKNOWN_TOPIC, unknownTopicOutcome(client, CompatBrokers.kafka()),
                unknownTopicOutcome(client, CompatBrokers.tributary())));
    }

    /** Produces with max.block.ms=3000 and polls an assigned partition for 3 s, on a topic never created. */
    private static String unknownTopicOutcome(JavaClient client, Target target) throws Exception {
        String topic = topic(client, "never-created");
        String clientId = client.clientId("unknown-topic");
        StringBuilder outcome = new StringBuilder("produce: ");
        Map<String, Object> producer = client.producerConfig(target.bootstrapServers(), clientId);
        producer.put("max.block.ms", 3000);
        try {
            Map<String, Object> sent = client.produce(producer, topic, List.of(record(null, "value"))).get(0);
            outcome.append("stored at offset ").append(sent.get(JavaClient.OFFSET));
        } catch (Exception e) {
            outcome.append(client.describeError(e));
        }
        outcome.append("; consume: ");
        List<Map<String, Object>> read = new ArrayList<>();
        try (JavaClient.Consumer consumer = client.consumer(
                client.consumerConfig(target.bootstrapServers(), clientId, null, "earliest"))) {
            consumer.assign(topic, List.of(0));
            try {
                for (int i = 0; i < 6; i++) {
                    read.addAll(consumer.poll(POLL_MS));
                }
                outcome.append(read.size()).append(" records");
            } catch (Exception e) {
                outcome.append(client.describeError(e));
            }
        }
        return outcome.toString();
    }

    @ParameterizedTest(name = "kafka-clients {0}")
    @ValueSource(strings = {"2.1.1", "2.8.2", "3.9.1", "4.4.0"})
    @Order(13)
    void deleteWhileReadingMatchesKafka(String version) throws Exception {
        JavaClient client = client(version);
        Matrix.run(client.column(), Scenario.DELETE_WHILE_READING, () -> Matrix.compare(client.column(),
                Scenario.DELETE_WHILE_READING, deleteWhileReadingOutcome(client, CompatBrokers.kafka()),
                deleteWhileReadingOutcome(client, CompatBrokers.tributary())));
    }

    /**
     * Reads the 10 records of a topic, deletes the topic with the Java 4.4 Admin client, then polls for 3 s
     * and describes the first error or the number of records.
     */
    private static String deleteWhileReadingOutcome(JavaClient client, Target target) throws Exception {
        String topic = topic(client, "deleted");
        String clientId = client.clientId("delete-while-reading");
        client.createTopic(target.bootstrapServers(), clientId, topic, 1, Map.of());
        client.produce(client.producerConfig(target.bootstrapServers(), clientId), topic, values("value", 10));
        List<Map<String, Object>> read = new ArrayList<>();
        try (JavaClient.Consumer consumer = client.consumer(
                client.consumerConfig(target.bootstrapServers(), clientId, null, "earliest"))) {
            consumer.assign(topic, List.of(0));
            pollUntil(consumer, read, 10);
            String outcome = "read " + read.size() + " before delete; after delete: ";
            JavaClient admin = client(V4_4);
            admin.deleteTopic(target.bootstrapServers(), admin.clientId("delete-while-reading-admin"), topic);
            List<Map<String, Object>> after = new ArrayList<>();
            double fetchesBefore = consumer.fetchCount();
            try {
                for (int i = 0; i < 6; i++) {
                    after.addAll(consumer.poll(POLL_MS));
                }
                return outcome + after.size() + " records, no error; " + listedAfterDelete(target, topic);
            } catch (Exception e) {
                return outcome + after.size() + " records, then " + client.describeError(e) + "; "
                        + listedAfterDelete(target, topic);
            } finally {
                // Logged, not compared: the count depends on timing, but it shows how hard the client
                // retries against each broker once the topic is gone.
                LOG.info("[JavaClientsCompatTest {}] {} fetch requests in 3 s after deleting {} on {}",
                        client.version(), (long) (consumer.fetchCount() - fetchesBefore), topic, target);
            }
        }
    }

    /** Tells whether the broker still lists {@code topic}, asked through the Java 4.4 Admin client. */
    private static String listedAfterDelete(Target target, String topic) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, "compat-peer-of-java");
        properties.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        try (Admin admin = Admin.create(properties)) {
            boolean listed = admin.listTopics().names().get(10, TimeUnit.SECONDS).contains(topic);
            return "topic listed after the delete: " + listed;
        }
    }

    /**
     * Checks the versions used by every scenario before delete-while-reading.
     *
     * <p>NOTE: runs before delete-while-reading on purpose. Once a fetched topic has no topic id in the
     * client's metadata, as after its deletion, kafka-clients 3.x and 4.x send Fetch at version 12 (the last
     * one that names topics) in place of their highest. That scenario would so show two Fetch versions
     * although nothing was negotiated differently.
     */
    @ParameterizedTest(name = "kafka-clients {0}")
    @ValueSource(strings = {"2.1.1", "2.8.2", "3.9.1", "4.4.0"})
    @Order(12)
    void negotiatedHighestCommonVersions(String version) throws Exception {
        JavaClient client = client(version);
        Map<String, Integer> maxVersions = new HashMap<>(client.maxApiVersions());
        // The classic consumer of kafka-clients 4.4.0 builds OffsetCommit and OffsetFetch with
        // Builder.forTopicNames, which caps both at version 9: version 10 addresses topics by id only.
        maxVersions.computeIfPresent("OffsetCommit", (api, max) -> Math.min(max, 9));
        maxVersions.computeIfPresent("OffsetFetch", (api, max) -> Math.min(max, 9));
        Matrix.checkNegotiation(client.column(), maxVersions);
    }

    private static Map<String, Object> record(String key, String value) {
        Map<String, Object> record = new HashMap<>();
        record.put(JavaClient.KEY, bytes(key));
        record.put(JavaClient.VALUE, bytes(value));
        return record;
    }

    private static List<Map<String, Object>> values(String prefix, int count) {
        List<Map<String, Object>> records = new ArrayList<>();
        for (String text : texts(prefix, count)) {
            records.add(record(null, text));
        }
        return records;
    }

    private static List<String> texts(String prefix, int count) {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            texts.add(prefix + "-" + i);
        }
        return texts;
    }

    @SuppressWarnings("unchecked")
    private static List<String> headers(Map<String, Object> record) {
        List<String> headers = new ArrayList<>();
        for (Map.Entry<String, byte[]> header : (List<Map.Entry<String, byte[]>>) record.get(JavaClient.HEADERS)) {
            headers.add(header.getKey() + "=" + text(header.getValue()));
        }
        return headers;
    }

    private static List<Object> offsets(List<Map<String, Object>> records) {
        return records.stream().map(r -> r.get(JavaClient.OFFSET)).toList();
    }

    /** Polls until {@code into} has at least {@code count} records or {@link #CONSUME_DEADLINE_MS} passed. */
    private static void pollUntil(JavaClient.Consumer consumer, List<Map<String, Object>> into, int count)
            throws Exception {
        long deadline = System.currentTimeMillis() + CONSUME_DEADLINE_MS;
        while (into.size() < count && System.currentTimeMillis() < deadline) {
            into.addAll(consumer.poll(POLL_MS));
        }
    }

    /** Reads {@code count} records of one partition from {@code offset} with a consumer without a group. */
    private static List<Map<String, Object>> readFrom(JavaClient client, Map<String, Object> config, String topic,
            long offset, int count) throws Exception {
        List<Map<String, Object>> read = new ArrayList<>();
        try (JavaClient.Consumer consumer = client.consumer(config)) {
            consumer.assign(topic, List.of(0));
            consumer.seek(topic, 0, offset);
            pollUntil(consumer, read, count);
        }
        return read;
    }

    /** Reads {@code count} records of the given partitions from the beginning, keyed by partition@offset. */
    private static Map<String, Map<String, Object>> readAll(JavaClient client, Map<String, Object> config,
            String topic, List<Integer> partitions, int count) throws Exception {
        List<Map<String, Object>> read = new ArrayList<>();
        try (JavaClient.Consumer consumer = client.consumer(config)) {
            consumer.assign(topic, partitions);
            pollUntil(consumer, read, count);
        }
        Map<String, Map<String, Object>> byPosition = new TreeMap<>();
        for (Map<String, Object> record : read) {
            byPosition.put(record.get(JavaClient.PARTITION) + "@" + record.get(JavaClient.OFFSET), record);
        }
        return byPosition;
    }
}
