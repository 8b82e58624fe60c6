package io.tributary.compat.kafkajs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.tributary.compat.support.Client;
import io.tributary.compat.support.CompatBrokers;
import io.tributary.compat.support.Matrix;
import io.tributary.compat.support.RequestLog;
import io.tributary.compat.support.Scenario;
import io.tributary.protocol.ApiKey;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The KafkaJS 2.2.4 column of the compatibility matrix. KafkaJS runs in Node through {@code driver.js}
 * ({@link KafkaJsDriver}); kafka-clients 4.4.0 ({@link JavaPeer}) creates topics and is the other client of
 * the codec and header scenarios. Every KafkaJS client id starts with {@code compat-kafkajs}.
 *
 * <p>KafkaJS has no {@code auto.offset.reset}: on OFFSET_OUT_OF_RANGE its consumer resets to the earliest
 * offset when it subscribed with {@code fromBeginning: true} and to the latest otherwise, so reset-earliest
 * and reset-latest use that switch and reset-none and reset-by-duration are n/a.
 */
@Order(60)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaJsCompatTest {

    private static final Client CLIENT = Client.KAFKAJS;
    private static final Duration DRIVER_TIMEOUT = Duration.ofSeconds(40);
    private static final int CONSUME_TIMEOUT_MS = 15_000;
    private static final String MAX_MESSAGE_BYTES = "100000";
    /** One record with a null key, no headers and a value of this many bytes makes a 100,000-byte v2 batch. */
    private static final int VALUE_FOR_FULL_BATCH = 99_928;

    @Test
    @Order(1)
    void keyedProduceLandsInReportedPartition() throws Exception {
        Matrix.run(CLIENT, Scenario.KEYED_PRODUCE, () -> {
            CompatBrokers.Target target = CompatBrokers.tributary();
            String topic = "kafkajs-keyed";
            int partitions = 3;
            JavaPeer.createTopic(target, topic, partitions, Map.of());

            Map<Integer, Map<Long, String>> reported = new HashMap<>();
            for (int i = 0; i < 30; i++) {
                String key = "key-" + (i % 10);
                JsonNode sent = produce(target, "keyed", topic, "none", List.of(KafkaJsDriver.message(key, "value-" + i)));
                JsonNode metadata = result(sent).get(0);
                int partition = metadata.path("partition").asInt();
                long offset = metadata.path("baseOffset").asLong();
                int murmur2Partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
                assertThat(partition).as("partition of %s (Java's murmur2 choice)", key).isEqualTo(murmur2Partition);
                reported.computeIfAbsent(partition, p -> new HashMap<>()).put(offset, "value-" + i);
            }

            for (int partition = 0; partition < partitions; partition++) {
                Map<Long, String> expected = reported.getOrDefault(partition, Map.of());
                Map<Long, String> read = new HashMap<>();
                for (ConsumerRecord<String, String> record : JavaPeer.consume(target, topic, partition, expected.size())) {
                    read.put(record.offset(), record.value());
                }
                assertThat(read).as("records of partition %d", partition).isEqualTo(expected);
            }
        });
    }

    @Test
    @Order(2)
    void groupResumesFromCommit() throws Exception {
        Matrix.run(CLIENT, Scenario.GROUP_COMMIT_RESUME, () -> {
            CompatBrokers.Target target = CompatBrokers.tributary();
            String topic = "kafkajs-group";
            String group = "compat-kafkajs-group";
            JavaPeer.createTopic(target, topic, 2, Map.of());
            result(produce(target, "group", topic, "none", messages("first", 10)));

            JsonNode first = consume(target, "group-first", topic, group, true, 10, Map.of());
            assertThat(KafkaJsDriver.values(first)).as("first consumer").hasSize(10);

            result(produce(target, "group", topic, "none", messages("second", 4)));
            JsonNode second = consume(target, "group-second", topic, group, true, 4, Map.of());
            assertThat(KafkaJsDriver.values(second)).as("restarted consumer")
                    .containsExactlyInAnyOrderElementsOf(values("second", 4));
        });
    }

    @ParameterizedTest(name = "codec {0}")
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    @Order(3)
    void codecCrossesBetweenKafkaJsAndJava(String codec) throws Exception {
        Matrix.run(CLIENT, Scenario.valueOf("CODEC_" + codec.toUpperCase(Locale.ROOT)), () -> {
            CompatBrokers.Target target = CompatBrokers.tributary();
            String topic = "kafkajs-codec-" + codec;
            JavaPeer.createTopic(target, topic, 1, Map.of());

            result(produce(target, "codec-" + codec, topic, codec, messages("kafkajs-" + codec, 20)));
            List<String> readByJava = JavaPeer.consume(target, topic, 0, 20).stream().map(ConsumerRecord::value).toList();
            assertThat(readByJava).as("KafkaJS records read by Java").isEqualTo(values("kafkajs-" + codec, 20));

            List<ProducerRecord<String, String>> javaRecords = new ArrayList<>();
            for (String value : values("java-" + codec, 20)) {
                javaRecords.add(new ProducerRecord<>(topic, 0, null, value));
            }
            JavaPeer.produce(target, topic, codec, javaRecords);
            JsonNode read = consume(target, "codec-" + codec, topic, "compat-kafkajs-codec-" + codec, true, 40, Map.of());
            assertThat(KafkaJsDriver.values(read)).as("all records read by KafkaJS")
                    .isEqualTo(concat(values("kafkajs-" + codec, 20), values("java-" + codec, 20)));

            List<JavaPeer.StoredBatch> batches = JavaPeer.storedBatches(topic, 0);
            assertThat(batches).as("stored batches").isNotEmpty();
            assertThat(batches).as("codec of every stored batch").allSatisfy(batch -> assertThat(batch.codec()).isEqualTo(codec));
            assertThat(batches.stream().mapToInt(JavaPeer.StoredBatch::count).sum()).as("stored records").isEqualTo(40);
        });
    }

    @Test
    @Order(4)
    void headersAndNullsSurvive() throws Exception {
        Matrix.run(CLIENT, Scenario.HEADERS_AND_NULLS, () -> {
            CompatBrokers.Target target = CompatBrokers.tributary();
            String topic = "kafkajs-headers";
            JavaPeer.createTopic(target, topic, 1, Map.of());

            // KafkaJS 2.2.4 cannot write a null-valued header: its record encoder calls Buffer.byteLength on
            // the value before it checks for null and throws a TypeError. It reads one, as checked below.
            Map<String, Object> written = KafkaJsDriver.message(null, null);
            written.put("headers", Map.of("repeated", List.of("one", "two")));
            written.put("partition", 0);
            result(produce(target, "headers", topic, "none", List.of(written)));

            List<ConsumerRecord<String, String>> readByJava = JavaPeer.consume(target, topic, 0, 1);
            assertThat(readByJava).as("records read by Java").hasSize(1);
            ConsumerRecord<String, String> byJava = readByJava.get(0);
            assertThat(byJava.key()).as("key read by Java").isNull();
            assertThat(byJava.value()).as("value read by Java").isNull();
            assertThat(headerPairs(byJava.headers())).as("headers read by Java")
                    .containsExactly("repeated=one", "repeated=two");

            ProducerRecord<String, String> fromJava = new ProducerRecord<String, String>(topic, 0, (String) null, (String) null, List.<Header>of(
                    new RecordHeader("repeated", "one".getBytes(StandardCharsets.UTF_8)),
                    new RecordHeader("repeated", "two".getBytes(StandardCharsets.UTF_8)),
                    new RecordHeader("absent", null)));
            JavaPeer.produce(target, topic, "none", List.of(fromJava));
            JsonNode read = consume(target, "headers", topic, "compat-kafkajs-headers", true, 2, Map.of());
            JsonNode records = result(read).path("records");
            assertThat(records).as("records read by KafkaJS").hasSize(2);
            for (JsonNode record : records) {
                assertThat(record.path("key").isNull()).as("key read by KafkaJS is null: %s", record).isTrue();
                assertThat(record.path("value").isNull()).as("value read by KafkaJS is null: %s", record).isTrue();
            }
            assertThat(records.get(0).path("headers").toString()).as("headers of the KafkaJS record")
                    .isEqualTo("[[\"repeated\",\"one\"],[\"repeated\",\"two\"]]");
            assertThat(records.get(1).path("headers").toString()).as("headers of the Java record")
                    .isEqualTo("[[\"repeated\",\"one\"],[\"repeated\",\"two\"],[\"absent\",null]]");
        });
    }

    @Test
    @Order(5)
    void sizeLimitMatchesKafka() throws Exception {
        String kafka = sizeLimitOutcome(CompatBrokers.kafka());
        String tributary = sizeLimitOutcome(CompatBrokers.tributary());

        List<JavaPeer.StoredBatch> batches = JavaPeer.storedBatches("kafkajs-size-limit", 0);
        assertThat(batches).as("batches Tributary stored").extracting(JavaPeer.StoredBatch::size).containsExactly(100_000);
        assertThat(RequestLog.versionsUsed(CLIENT.clientIdPrefix() + "-size-limit")).as("requests of the size-limit client")
                .containsKey("Produce");
        Matrix.compare(CLIENT, Scenario.SIZE_LIMIT, kafka, tributary);
    }

    private String sizeLimitOutcome(CompatBrokers.Target target) throws Exception {
        String topic = "kafkajs-size-limit";
        JavaPeer.createTopic(target, topic, 1, Map.of("max.message.bytes", MAX_MESSAGE_BYTES));
        JsonNode fits = produce(target, "size-limit", topic, "none", List.of(sized(VALUE_FOR_FULL_BATCH)));
        JsonNode tooLarge = produce(target, "size-limit", topic, "none", List.of(sized(VALUE_FOR_FULL_BATCH + 1)));
        return "100000 B: " + outcome(fits) + "; 100001 B: " + outcome(tooLarge);
    }

    @Test
    @Order(6)
    void offsetsForTimesFindFirstAtOrAfter() throws Exception {
        Matrix.run(CLIENT, Scenario.OFFSETS_FOR_TIMES, () -> {
            CompatBrokers.Target target = CompatBrokers.tributary();
            String topic = "kafkajs-times";
            JavaPeer.createTopic(target, topic, 1, Map.of());
            long base = (System.currentTimeMillis() - Duration.ofHours(1).toMillis()) / 1000 * 1000;
            List<Map<String, Object>> messages = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                Map<String, Object> message = KafkaJsDriver.message(null, "t" + i);
                message.put("timestamp", base + i * 1000L);
                messages.add(message);
            }
            result(produce(target, "times", topic, "none", messages));

            Map<String, Object> arguments = arguments(target, "times");
            arguments.put("topic", topic);
            arguments.put("timestamps", List.of(base, base + 2500, base + 9000, base + 20_000));
            JsonNode lookups = result(KafkaJsDriver.run("offsets-by-timestamp", arguments, DRIVER_TIMEOUT));
            List<Long> offsets = new ArrayList<>();
            lookups.forEach(lookup -> offsets.add(lookup.path("offsets").get(0).path("offset").asLong()));
            // KafkaJS returns the end offset where no record is at or after the timestamp.
            assertThat(offsets).as("offsets for base, +2.5 s, +9 s and +20 s").containsExactly(0L, 3L, 9L, 10L);
        });
    }

    @Test
    @Order(7)
    void resetEarliestMatchesKafka() throws Exception {
        Matrix.compare(CLIENT, Scenario.RESET_EARLIEST, resetOutcome(CompatBrokers.kafka(), true),
                resetOutcome(CompatBrokers.tributary(), true));
    }

    @Test
    @Order(8)
    void resetLatestMatchesKafka() throws Exception {
        Matrix.compare(CLIENT, Scenario.RESET_LATEST, resetOutcome(CompatBrokers.kafka(), false),
                resetOutcome(CompatBrokers.tributary(), false));
    }

    /**
     * Commits offset 1000 for a group on a 10-record partition, then starts a KafkaJS consumer in that
     * group. KafkaJS gets OFFSET_OUT_OF_RANGE and resets per {@code fromBeginning}. For the latest offset the
     * driver produces 3 records once the consumer fetches again after the reset.
     */
    private String resetOutcome(CompatBrokers.Target target, boolean fromBeginning) throws Exception {
        String name = fromBeginning ? "reset-earliest" : "reset-latest";
        String topic = "kafkajs-" + name;
        JavaPeer.createTopic(target, topic, 1, Map.of());
        result(produce(target, name, topic, "none", messages("before", 10)));

        Map<String, Object> arguments = arguments(target, name);
        arguments.put("topic", topic);
        arguments.put("groupId", "compat-kafkajs-" + name);
        arguments.put("fromBeginning", fromBeginning);
        arguments.put("committedOffsets", List.of(Map.of("partition", 0, "offset", 1000)));
        arguments.put("expected", fromBeginning ? 10 : 3);
        arguments.put("timeoutMs", CONSUME_TIMEOUT_MS);
        if (!fromBeginning) {
            arguments.put("afterReset", messages("after", 3));
        }
        JsonNode read = KafkaJsDriver.run("consume", arguments, DRIVER_TIMEOUT);
        if (read.has("error")) {
            return outcome(read);
        }
        JsonNode records = result(read).path("records");
        String first = records.isEmpty() ? "-" : records.get(0).path("offset").asText();
        return "reset logged: " + result(read).path("resetSeen").asBoolean() + "; read " + records.size()
                + " records from offset " + first + ": " + String.join(",", KafkaJsDriver.values(read));
    }

    @Test
    @Order(9)
    void resetNoneAndByDurationNotExpressible() {
        Matrix.notApplicable(CLIENT, Scenario.RESET_NONE);
        Matrix.notApplicable(CLIENT, Scenario.RESET_BY_DURATION);
    }

    @Test
    @Order(10)
    void unknownTopicMatchesKafka() throws Exception {
        Matrix.compare(CLIENT, Scenario.UNKNOWN_TOPIC, unknownTopicOutcome(CompatBrokers.kafka()),
                unknownTopicOutcome(CompatBrokers.tributary()));
    }

    private String unknownTopicOutcome(CompatBrokers.Target target) throws Exception {
        String topic = "kafkajs-no-such-topic";
        JsonNode produced = produce(target, "unknown-topic", topic, "none", messages("lost", 1));
        Map<String, Object> arguments = arguments(target, "unknown-topic");
        arguments.put("topic", topic);
        arguments.put("groupId", "compat-kafkajs-unknown-topic");
        arguments.put("fromBeginning", true);
        arguments.put("expected", 1);
        arguments.put("timeoutMs", 5000);
        JsonNode consumed = KafkaJsDriver.run("consume", arguments, DRIVER_TIMEOUT);
        return "produce: " + outcome(produced) + "; consume: " + consumeOutcome(consumed);
    }

    @Test
    @Order(11)
    void deleteWhileReadingMatchesKafka() throws Exception {
        Matrix.run(CLIENT, Scenario.DELETE_WHILE_READING, () -> Matrix.compare(CLIENT, Scenario.DELETE_WHILE_READING,
                deleteWhileReadingOutcome(CompatBrokers.kafka()), deleteWhileReadingOutcome(CompatBrokers.tributary())));
    }

    private String deleteWhileReadingOutcome(CompatBrokers.Target target) throws Exception {
        String topic = "kafkajs-delete";
        JavaPeer.createTopic(target, topic, 1, Map.of());
        result(produce(target, "delete", topic, "none", messages("doomed", 5)));

        Map<String, Object> arguments = arguments(target, "delete");
        arguments.put("topic", topic);
        arguments.put("groupId", "compat-kafkajs-delete");
        arguments.put("fromBeginning", true);
        arguments.put("announceAfter", 5);
        arguments.put("commit", false);
        arguments.put("expected", Integer.MAX_VALUE);
        arguments.put("timeoutMs", 10_000);
        try (KafkaJsDriver.Running running = KafkaJsDriver.start("consume", arguments)) {
            running.awaitEvent("received", DRIVER_TIMEOUT);
            JavaPeer.deleteTopic(target, topic);
            return crashCauseOutcome(running.awaitResult(DRIVER_TIMEOUT));
        }
    }

    /**
     * Describes a consumer run by the records it read and the distinct root causes of its crashes. How many
     * crashes KafkaJS reports within the run's time, and how it wraps them, depends on timing, so only the
     * innermost error of each crash counts.
     */
    private static String crashCauseOutcome(JsonNode line) {
        if (line.has("error")) {
            return outcome(line);
        }
        JsonNode result = line.path("result");
        SortedSet<String> causes = new TreeSet<>();
        result.path("crashes").forEach(crash -> {
            JsonNode root = crash;
            while (root.path("cause").isObject()) {
                root = root.path("cause");
            }
            causes.add(describeError(root) + (crash.path("restart").asBoolean() ? " (restarts)" : " (stops)"));
        });
        return "read " + result.path("records").size() + " records; crash causes: "
                + (causes.isEmpty() ? "none" : String.join(", ", causes));
    }

    @Test
    @Order(100)
    void negotiatesHighestCommonVersions() throws Exception {
        JsonNode versions = result(KafkaJsDriver.run("versions", Map.of(), DRIVER_TIMEOUT));
        Map<String, Integer> clientMax = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = versions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            ApiKey.forId(Short.parseShort(entry.getKey()))
                    .ifPresent(key -> clientMax.put(RequestLog.kafkaName(key), entry.getValue().asInt()));
        }
        Matrix.checkNegotiation(CLIENT, clientMax);
    }

    // Driver calls and outcome strings

    private static JsonNode produce(CompatBrokers.Target target, String scenario, String topic, String compression,
            List<Map<String, Object>> messages) throws Exception {
        Map<String, Object> arguments = arguments(target, scenario);
        arguments.put("topic", topic);
        arguments.put("compression", compression);
        arguments.put("messages", messages);
        return KafkaJsDriver.run("produce", arguments, DRIVER_TIMEOUT);
    }

    private static JsonNode consume(CompatBrokers.Target target, String scenario, String topic, String group,
            boolean fromBeginning, int expected, Map<String, Object> extra) throws Exception {
        Map<String, Object> arguments = arguments(target, scenario);
        arguments.put("topic", topic);
        arguments.put("groupId", group);
        arguments.put("fromBeginning", fromBeginning);
        arguments.put("expected", expected);
        arguments.put("timeoutMs", CONSUME_TIMEOUT_MS);
        arguments.putAll(extra);
        return KafkaJsDriver.run("consume", arguments, DRIVER_TIMEOUT);
    }

    private static Map<String, Object> arguments(CompatBrokers.Target target, String scenario) {
        Map<String, Object> arguments = new HashMap<>();
        arguments.put("brokers", target.bootstrapServers());
        arguments.put("clientId", CLIENT.clientIdPrefix() + "-" + scenario);
        return arguments;
    }

    private static JsonNode result(JsonNode line) {
        assertThat(line.has("error")).as("driver error: %s", line.path("error")).isFalse();
        return line.path("result");
    }

    /** "ok" for a result, else the error's class name, protocol type and retriable flag, with its cause. */
    private static String outcome(JsonNode line) {
        if (!line.has("error")) {
            return "ok";
        }
        return describeError(line.path("error"));
    }

    private static String describeError(JsonNode error) {
        String text = error.path("name").asText() + "/" + error.path("type").asText("-")
                + " retriable=" + error.path("retriable").asBoolean();
        JsonNode cause = error.path("cause");
        return cause.isObject() ? text + " caused by " + describeError(cause) : text;
    }

    private static String consumeOutcome(JsonNode line) {
        if (line.has("error")) {
            return outcome(line);
        }
        JsonNode result = line.path("result");
        List<String> crashes = new ArrayList<>();
        result.path("crashes").forEach(crash -> crashes.add(describeError(crash)
                + (crash.path("restart").asBoolean() ? " (restarts)" : " (stops)")));
        // Sorted, because which distinct crash KafkaJS reports first varies from run to run.
        crashes.sort(null);
        return "read " + result.path("records").size() + " records; crashes: "
                + (crashes.isEmpty() ? "none" : String.join(", ", crashes));
    }

    private static Map<String, Object> sized(int valueLength) {
        Map<String, Object> message = KafkaJsDriver.message(null, null);
        message.put("valueLength", valueLength);
        return message;
    }

    private static List<Map<String, Object>> messages(String prefix, int count) {
        return values(prefix, count).stream().map(value -> KafkaJsDriver.message(null, value)).toList();
    }

    private static List<String> values(String prefix, int count) {
        return IntStream.range(0, count).mapToObj(i -> prefix + "-" + i).toList();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    private static List<String> headerPairs(Iterable<Header> headers) {
        List<String> pairs = new ArrayList<>();
        for (Header header : headers) {
            pairs.add(header.key() + "=" + (header.value() == null ? "null"
                    : new String(header.value(), StandardCharsets.UTF_8)));
        }
        return pairs;
    }
}
