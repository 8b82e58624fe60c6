package io.tributary.compat.tools;

import static io.tributary.compat.tools.KafkaTools.CONSOLE_CONSUMER;
import static io.tributary.compat.tools.KafkaTools.CONSOLE_PRODUCER;
import static io.tributary.compat.tools.KafkaTools.GET_OFFSET_SHELL;
import static io.tributary.compat.tools.KafkaTools.VERIFIABLE_PRODUCER;
import static io.tributary.compat.tools.KafkaTools.admin;
import static io.tributary.compat.tools.KafkaTools.clientId;
import static io.tributary.compat.tools.KafkaTools.commandConfig;
import static io.tributary.compat.tools.KafkaTools.runOk;
import static io.tributary.compat.tools.KafkaTools.runOkWithInput;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.compat.support.Client;
import io.tributary.compat.support.CompatBrokers;
import io.tributary.compat.support.CompatBrokers.Target;
import io.tributary.compat.support.KafkaRefTool;
import io.tributary.compat.support.Matrix;
import io.tributary.compat.support.RequestLog;
import io.tributary.compat.support.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Records the scenario cells of the "Kafka 4.4 tools" column: each scenario expressed with Kafka 4.4's
 * ConsoleProducer, ConsoleConsumer, VerifiableProducer and GetOffsetShell, with the Java 4.4 client on the
 * class path as the other side where a scenario needs one. Compared scenarios run the same tool commands
 * against Kafka 4.4 and Tributary.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KafkaToolsScenarioTest {

    private static final Client TOOLS = Client.KAFKA_TOOLS;

    /** A ConsoleConsumer line with {@code print.offset=true}: {@code Offset:5<TAB>value}. */
    private static final Pattern OFFSET_LINE = Pattern.compile("^Offset:(\\d+)\t", Pattern.MULTILINE);

    private final Target tributary = CompatBrokers.tributary();

    @Test
    void keyedProduce() throws Exception {
        Matrix.run(TOOLS, Scenario.KEYED_PRODUCE, () -> {
            String topic = "tools-keyed-produce";
            KafkaTools.createTopic(tributary, topic, 3, Map.of());
            String output = runOk(VERIFIABLE_PRODUCER, "--bootstrap-server", tributary.bootstrapServers(),
                    "--command-config", commandConfig("keyed-produce"), "--topic", topic,
                    "--max-messages", "30", "--repeating-keys", "5", "--acks", "-1");
            Matcher matcher = Pattern.compile("\"name\":\"producer_send_success\",\"key\":\"(\\d+)\","
                    + "\"value\":\"(\\d+)\",\"offset\":(\\d+),\"topic\":\"[^\"]+\",\"partition\":(\\d+)")
                    .matcher(output);
            Map<String, String> reported = new HashMap<>();
            Map<String, Integer> partitionOfKey = new HashMap<>();
            while (matcher.find()) {
                int partition = Integer.parseInt(matcher.group(4));
                reported.put(partition + "@" + matcher.group(3), matcher.group(1) + "=" + matcher.group(2));
                Integer previous = partitionOfKey.putIfAbsent(matcher.group(1), partition);
                assertThat(previous == null ? partition : previous).as("partition of key %s", matcher.group(1))
                        .isEqualTo(partition);
            }
            assertThat(reported).as("send results in the VerifiableProducer output").hasSize(30);

            Map<String, String> stored = new HashMap<>();
            for (ConsumerRecord<String, String> record : KafkaTools.readAll(tributary, topic, 3, 30)) {
                stored.put(record.partition() + "@" + record.offset(), record.key() + "=" + record.value());
            }
            assertThat(stored).as("records read back at the reported partition and offset").isEqualTo(reported);
        });
    }

    @Test
    void groupCommitResume() throws Exception {
        Matrix.run(TOOLS, Scenario.GROUP_COMMIT_RESUME, () -> {
            String topic = "tools-group-commit-resume";
            String group = topic + "-group";
            KafkaTools.createTopic(tributary, topic, 2, Map.of());
            produceLines(tributary, topic, "first", 10);

            KafkaRefTool.Output first = consumeInGroup(topic, group, "group-commit-resume-1", "--from-beginning",
                    "--max-messages", "10");
            assertThat(first.stdout().lines()).containsExactlyInAnyOrderElementsOf(lines("first", 10));

            produceLines(tributary, topic, "second", 5);
            KafkaRefTool.Output second = consumeInGroup(topic, group, "group-commit-resume-2", "--max-messages", "5");
            assertThat(second.stdout().lines()).as("records after the committed offsets only")
                    .containsExactlyInAnyOrderElementsOf(lines("second", 5));
        });
    }

    @ParameterizedTest(name = "codec {0}")
    @ValueSource(strings = {"none", "gzip", "snappy", "lz4", "zstd"})
    void codec(String codec) throws Exception {
        Scenario scenario = Scenario.valueOf("CODEC_" + codec.toUpperCase(Locale.ROOT));
        Matrix.run(TOOLS, scenario, () -> {
            String topic = "tools-codec-" + codec;
            KafkaTools.createTopic(tributary, topic, 1, Map.of());
            runOkWithInput(String.join("\n", lines("tool-" + codec, 5)) + "\n", CONSOLE_PRODUCER,
                    "--bootstrap-server", tributary.bootstrapServers(), "--topic", topic,
                    "--compression-codec", codec, "--command-property", "client.id=" + clientId("codec-" + codec));
            assertThat(KafkaTools.values(KafkaTools.readAll(tributary, topic, 1, 5)))
                    .as("records the tool wrote, read by the Java 4.4 client")
                    .containsExactlyElementsOf(lines("tool-" + codec, 5));

            try (KafkaProducer<String, String> producer =
                    KafkaTools.producer(tributary, "codec-" + codec, Map.of("compression.type", codec))) {
                for (String value : lines("java-" + codec, 5)) {
                    producer.send(new ProducerRecord<>(topic, value));
                }
                producer.flush();
            }
            String output = runOk(CONSOLE_CONSUMER, "--bootstrap-server", tributary.bootstrapServers(),
                    "--topic", topic, "--from-beginning", "--max-messages", "10", "--timeout-ms", "10000",
                    "--command-property", "client.id=" + clientId("codec-" + codec));
            List<String> expected = new ArrayList<>(lines("tool-" + codec, 5));
            expected.addAll(lines("java-" + codec, 5));
            assertThat(output.lines()).as("records of both clients, read by ConsoleConsumer")
                    .containsExactlyElementsOf(expected);

            List<String> codecs = KafkaTools.storedCodecs(topic, 0);
            assertThat(codecs).as("codec of each stored batch").hasSizeGreaterThanOrEqualTo(2).containsOnly(codec);
        });
    }

    @Test
    void headersAndNulls() throws Exception {
        Matrix.run(TOOLS, Scenario.HEADERS_AND_NULLS, () -> {
            String topic = "tools-headers-and-nulls";
            KafkaTools.createTopic(tributary, topic, 1, Map.of());
            runOkWithInput("h1:a,h1:b,h2:NULL\tNULL\tNULL\nh3:c\tk1\tv1\n", CONSOLE_PRODUCER,
                    "--bootstrap-server", tributary.bootstrapServers(), "--topic", topic,
                    "--command-property", "client.id=" + clientId("headers-and-nulls"),
                    "--reader-property", "parse.key=true", "--reader-property", "parse.headers=true",
                    "--reader-property", "null.marker=NULL");
            List<ConsumerRecord<String, String>> records = KafkaTools.readAll(tributary, topic, 1, 2);
            assertThat(records).hasSize(2);
            ConsumerRecord<String, String> withNulls = records.get(0);
            assertThat(withNulls.key()).isNull();
            assertThat(withNulls.value()).isNull();
            assertThat(headerPairs(withNulls.headers())).containsExactly("h1=a", "h1=b", "h2=null");
            assertThat(records.get(1).key()).isEqualTo("k1");
            assertThat(headerPairs(records.get(1).headers())).containsExactly("h3=c");

            try (KafkaProducer<String, String> producer = KafkaTools.producer(tributary, "headers-and-nulls", Map.of())) {
                List<Header> headers = List.of(header("h1", "a"), header("h1", "b"), new RecordHeader("h2", null));
                producer.send(new ProducerRecord<String, String>(topic, 0, null, null, headers)).get();
            }
            String output = runOk(CONSOLE_CONSUMER, "--bootstrap-server", tributary.bootstrapServers(),
                    "--topic", topic, "--from-beginning", "--max-messages", "3", "--timeout-ms", "10000",
                    "--command-property", "client.id=" + clientId("headers-and-nulls"),
                    "--formatter-property", "print.key=true", "--formatter-property", "print.headers=true",
                    "--formatter-property", "null.literal=<null>");
            assertThat(output.lines()).containsExactly(
                    "h1:a,h1:b,h2:<null>\t<null>\t<null>", "h3:c\tk1\tv1", "h1:a,h1:b,h2:<null>\t<null>\t<null>");
        });
    }

    @Test
    void sizeLimit() throws Exception {
        compareOutcomes(Scenario.SIZE_LIMIT, () -> sizeLimitOutcome(CompatBrokers.kafka()), () -> {
            String outcome = sizeLimitOutcome(tributary);
            assertThat(Files.size(KafkaTools.firstSegment("tools-size-limit", 0)))
                    .as("bytes of the stored batch").isEqualTo(100_000L);
            assertThat(RequestLog.versionsUsed(clientId("size-limit-reject")))
                    .as("APIs the rejected producer sent to Tributary").containsKey("Produce");
            return outcome;
        });
    }

    @Test
    void offsetsForTimes() throws Exception {
        Matrix.run(TOOLS, Scenario.OFFSETS_FOR_TIMES, () -> {
            String topic = "tools-offsets-for-times";
            KafkaTools.createTopic(tributary, topic, 1, Map.of());
            long base = System.currentTimeMillis() - 600_000;
            try (KafkaProducer<String, String> producer = KafkaTools.producer(tributary, "offsets-for-times", Map.of())) {
                for (int i = 0; i < 10; i++) {
                    producer.send(new ProducerRecord<>(topic, 0, base + i * 1000L, null, "v" + i)).get();
                }
            }
            String config = commandConfig("offsets-for-times");
            Map<Long, String> expected = Map.of(
                    base - 5000, topic + ":0:0",
                    base, topic + ":0:0",
                    base + 2500, topic + ":0:3",
                    base + 9000, topic + ":0:9");
            for (Map.Entry<Long, String> entry : expected.entrySet()) {
                String output = runOk(GET_OFFSET_SHELL, "--bootstrap-server", tributary.bootstrapServers(),
                        "--command-config", config, "--topic", topic, "--time", String.valueOf(entry.getKey()));
                assertThat(output.lines()).as("offset for timestamp base%+d", entry.getKey() - base)
                        .containsExactly(entry.getValue());
            }
            String after = runOk(GET_OFFSET_SHELL, "--bootstrap-server", tributary.bootstrapServers(),
                    "--command-config", config, "--topic", topic, "--time", String.valueOf(base + 20_000));
            assertThat(after.lines()).as("no offset for a timestamp after the last record").isEmpty();
        });
    }

    @ParameterizedTest(name = "auto.offset.reset={0}")
    @ValueSource(strings = {"earliest", "latest", "none", "by_duration:PT1H"})
    void reset(String policy) throws Exception {
        Scenario scenario = switch (policy) {
            case "earliest" -> Scenario.RESET_EARLIEST;
            case "latest" -> Scenario.RESET_LATEST;
            case "none" -> Scenario.RESET_NONE;
            default -> Scenario.RESET_BY_DURATION;
        };
        compareOutcomes(scenario, () -> resetOutcome(CompatBrokers.kafka(), scenario, policy),
                () -> resetOutcome(tributary, scenario, policy));
    }

    @Test
    void unknownTopic() throws Exception {
        compareOutcomes(Scenario.UNKNOWN_TOPIC, () -> unknownTopicOutcome(CompatBrokers.kafka()),
                () -> unknownTopicOutcome(tributary));
    }

    @Test
    void deleteWhileReading() throws Exception {
        compareOutcomes(Scenario.DELETE_WHILE_READING, () -> deleteWhileReadingOutcome(CompatBrokers.kafka()),
                () -> deleteWhileReadingOutcome(tributary));
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void negotiation() {
        Map<String, Integer> clientMax = new HashMap<>();
        for (ApiKeys key : ApiKeys.values()) {
            clientMax.put(key.name, (int) key.latestVersion());
        }
        // kafka-clients 4.4.0 sends OffsetCommit and OffsetFetch from the classic consumer and from Admin
        // through the builders for topic names (OffsetCommitRequest.Builder.forTopicNames and its OffsetFetch
        // twin), which stop at version 9 because version 10 identifies topics by id.
        clientMax.put("OffsetCommit", 9);
        clientMax.put("OffsetFetch", 9);
        Matrix.checkNegotiation(TOOLS, clientMax);
    }

    /**
     * Runs {@code kafka} and {@code tributary}, each returning what the tools saw from that broker, and
     * compares the two outcomes. An exception from either fails the cell.
     */
    private static void compareOutcomes(Scenario scenario, Callable<String> kafka, Callable<String> tributary)
            throws Exception {
        AtomicReference<String> kafkaOutcome = new AtomicReference<>();
        AtomicReference<String> tributaryOutcome = new AtomicReference<>();
        Matrix.run(TOOLS, scenario, () -> {
            kafkaOutcome.set(kafka.call());
            tributaryOutcome.set(tributary.call());
        });
        Matrix.compare(TOOLS, scenario, kafkaOutcome.get(), tributaryOutcome.get());
    }

    /**
     * Writes one uncompressed batch of exactly 100,000 bytes and one of 100,001 bytes with ConsoleProducer
     * into a topic with {@code max.message.bytes=100000}. A record with a null key, no headers and a value of
     * V bytes makes a batch of V + 72 bytes: the 61-byte batch header, then the record's length varint (3
     * bytes), attributes, timestamp delta and offset delta (1 byte each), key length -1 (1 byte), value
     * length varint (3 bytes), the value and the header count (1 byte).
     */
    private static String sizeLimitOutcome(Target target) throws Exception {
        String topic = "tools-size-limit";
        KafkaTools.createTopic(target, topic, 1, Map.of("max.message.bytes", "100000"));
        KafkaRefTool.Output accepted = produceOneValue(target, topic, 100_000 - 72, "size-limit-accept");
        KafkaRefTool.Output rejected = produceOneValue(target, topic, 100_001 - 72, "size-limit-reject");
        return "100000 B batch: exit " + accepted.exitCode() + " " + KafkaTools.exceptionNames(accepted.stderr())
                + "; 100001 B batch: exit " + rejected.exitCode() + " " + KafkaTools.exceptionNames(rejected.stderr())
                + "; end offset " + KafkaTools.endOffsets(target, topic, 1).get(0);
    }

    private static KafkaRefTool.Output produceOneValue(Target target, String topic, int valueBytes, String name) {
        String line = "x".repeat(valueBytes) + "\n";
        return KafkaTools.runWithInput(line, CONSOLE_PRODUCER, "--bootstrap-server", target.bootstrapServers(),
                "--topic", topic, "--sync", "--compression-codec", "none",
                "--command-property", "client.id=" + clientId(name));
    }

    /**
     * Commits offset 1000 for a group on a 10-record partition, then lets ConsoleConsumer in that group meet
     * the out-of-range offset with {@code auto.offset.reset=policy}, and returns the offsets it printed and
     * the exceptions it reported. For {@code latest}, three records are produced after the first run and a
     * second run in the same group reads from the offset the first one committed. For {@code by_duration},
     * the first five records are two hours old.
     */
    private static String resetOutcome(Target target, Scenario scenario, String policy) throws Exception {
        String topic = "tools-" + scenario.label();
        String group = topic + "-group";
        TopicPartition partition = new TopicPartition(topic, 0);
        KafkaTools.createTopic(target, topic, 1, Map.of());
        long now = System.currentTimeMillis();
        try (KafkaProducer<String, String> producer = KafkaTools.producer(target, scenario.label(), Map.of())) {
            for (int i = 0; i < 10; i++) {
                long timestamp = i < 5 ? now - Duration.ofHours(2).toMillis() : now;
                producer.send(new ProducerRecord<>(topic, 0, timestamp, null, "v" + i)).get();
            }
        }
        try (Admin admin = admin(target)) {
            admin.alterConsumerGroupOffsets(group, Map.of(partition, new OffsetAndMetadata(1000))).all().get();
        }

        List<String> limit = switch (policy) {
            case "earliest" -> List.of("--max-messages", "10");
            case "by_duration:PT1H" -> List.of("--max-messages", "5");
            default -> List.of();
        };
        KafkaRefTool.Output first = consumeWithReset(target, topic, group, policy, scenario.label() + "-1", limit);
        String outcome = "offsets " + printedOffsets(first) + " " + KafkaTools.exceptionNames(first.stderr());
        if (policy.equals("latest")) {
            try (KafkaProducer<String, String> producer = KafkaTools.producer(target, scenario.label(), Map.of())) {
                for (int i = 10; i < 13; i++) {
                    producer.send(new ProducerRecord<>(topic, 0, null, "v" + i)).get();
                }
            }
            KafkaRefTool.Output second = consumeWithReset(target, topic, group, policy, scenario.label() + "-2",
                    List.of("--max-messages", "3"));
            outcome += "; after 3 more records: offsets " + printedOffsets(second) + " "
                    + KafkaTools.exceptionNames(second.stderr());
        }
        return outcome;
    }

    private static KafkaRefTool.Output consumeWithReset(Target target, String topic, String group, String policy,
            String name, List<String> limit) {
        List<String> arguments = new ArrayList<>(List.of("--bootstrap-server", target.bootstrapServers(),
                "--topic", topic, "--group", group, "--timeout-ms", "4000",
                "--command-property", "auto.offset.reset=" + policy,
                "--command-property", "client.id=" + clientId(name),
                "--formatter-property", "print.offset=true"));
        arguments.addAll(limit);
        return KafkaTools.run(CONSOLE_CONSUMER, arguments.toArray(String[]::new));
    }

    private static String unknownTopicOutcome(Target target) {
        String topic = "tools-unknown-topic";
        KafkaRefTool.Output produced = KafkaTools.runWithInput("x\n", CONSOLE_PRODUCER,
                "--bootstrap-server", target.bootstrapServers(), "--topic", topic, "--sync",
                "--command-property", "max.block.ms=3000",
                "--command-property", "client.id=" + clientId("unknown-topic-producer"));
        KafkaRefTool.Output consumed = KafkaTools.run(CONSOLE_CONSUMER,
                "--bootstrap-server", target.bootstrapServers(), "--topic", topic, "--timeout-ms", "3000",
                "--command-property", "client.id=" + clientId("unknown-topic-consumer"));
        return "ConsoleProducer: exit " + produced.exitCode() + " " + KafkaTools.exceptionNames(produced.stderr())
                + " metadata errors " + KafkaTools.metadataErrors(produced.stderr())
                + "; ConsoleConsumer: " + KafkaTools.processedCount(consumed) + " messages "
                + KafkaTools.exceptionNames(consumed.stderr())
                + " metadata errors " + KafkaTools.metadataErrors(consumed.stderr());
    }

    /**
     * Starts ConsoleConsumer in a group on a 10-record topic, deletes the topic once the group has committed
     * all 10 records, and returns what the consumer printed and reported until it exits on its 8-second idle
     * timeout.
     */
    private static String deleteWhileReadingOutcome(Target target) throws Exception {
        String topic = "tools-delete-while-reading";
        String group = topic + "-group";
        KafkaTools.createTopic(target, topic, 1, Map.of());
        produceLines(target, topic, "v", 10);
        CompletableFuture<KafkaRefTool.Output> consumer = CompletableFuture.supplyAsync(() -> KafkaTools.run(
                CONSOLE_CONSUMER, "--bootstrap-server", target.bootstrapServers(), "--topic", topic,
                "--group", group, "--from-beginning", "--timeout-ms", "8000",
                "--command-property", "auto.commit.interval.ms=200",
                "--command-property", "client.id=" + clientId("delete-while-reading")));
        try (Admin admin = admin(target)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
                OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata()
                        .get().get(partition);
                return committed != null && committed.offset() == 10;
            });
            admin.deleteTopics(List.of(topic)).all().get();
        }
        KafkaRefTool.Output output = consumer.get(60, TimeUnit.SECONDS);
        return "printed " + output.stdout().lines().count() + " records; exit " + output.exitCode()
                + "; processed " + KafkaTools.processedCount(output)
                + "; exceptions " + KafkaTools.exceptionNames(output.stderr())
                + "; metadata errors " + KafkaTools.metadataErrors(output.stderr());
    }

    private static KafkaRefTool.Output consumeInGroup(String topic, String group, String name, String... limit) {
        List<String> arguments = new ArrayList<>(List.of("--bootstrap-server",
                CompatBrokers.tributary().bootstrapServers(), "--topic", topic, "--group", group,
                "--timeout-ms", "10000", "--command-property", "client.id=" + clientId(name)));
        arguments.addAll(List.of(limit));
        KafkaRefTool.Output output = KafkaTools.run(CONSOLE_CONSUMER, arguments.toArray(String[]::new));
        assertThat(output.exitCode()).as(output.describe()).isZero();
        return output;
    }

    private static void produceLines(Target target, String topic, String prefix, int count) {
        runOkWithInput(String.join("\n", lines(prefix, count)) + "\n", CONSOLE_PRODUCER,
                "--bootstrap-server", target.bootstrapServers(), "--topic", topic,
                "--command-property", "client.id=" + clientId(topic));
    }

    private static List<String> lines(String prefix, int count) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lines.add(prefix + "-" + i);
        }
        return lines;
    }

    private static List<Long> printedOffsets(KafkaRefTool.Output output) {
        List<Long> offsets = new ArrayList<>();
        Matcher matcher = OFFSET_LINE.matcher(output.stdout());
        while (matcher.find()) {
            offsets.add(Long.parseLong(matcher.group(1)));
        }
        return offsets;
    }

    private static List<String> headerPairs(Iterable<Header> headers) {
        List<String> pairs = new ArrayList<>();
        for (Header header : headers) {
            String value = header.value() == null ? "null" : new String(header.value(), StandardCharsets.UTF_8);
            pairs.add(header.key() + "=" + value);
        }
        return pairs;
    }

    private static Header header(String key, String value) {
        return new RecordHeader(key, value.getBytes(StandardCharsets.UTF_8));
    }
}
