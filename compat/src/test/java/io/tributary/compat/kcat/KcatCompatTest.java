package io.tributary.compat.kcat;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.compat.support.Client;
import io.tributary.compat.support.CompatBrokers;
import io.tributary.compat.support.CompatBrokers.Target;
import io.tributary.compat.support.Matrix;
import io.tributary.compat.support.RequestLog;
import io.tributary.compat.support.Scenario;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Runs kcat 1.7.1 with librdkafka 2.0.2 (the Debian 12 package) through every scenario of the
 * compatibility matrix. The compared scenarios run the same kcat commands against Kafka 4.4 and Tributary
 * and compare the records kcat printed and the errors it reported.
 *
 * <p>kcat reports the partition and offset of a produced message only at verbosity 2 ({@code -vv}), as
 * {@code % Message delivered to partition P (offset O)}, and without the key. So scenarios that need the
 * partition of each record run one kcat process per record. kcat buffers its standard output when that is
 * a file, so runs whose output is read while kcat still runs pass {@code -u} (unbuffered).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KcatCompatTest {

    private static final Client KCAT = Client.KCAT;

    /**
     * The highest version of each API that librdkafka 2.0.2 sends. Measured with {@code -X debug=protocol}
     * ({@code Sent ProduceRequest (v7, ...)} lines) against Kafka 4.4, whose maximum is higher for each of
     * these APIs, while producing, consuming in a group, looking up offsets by timestamp and listing
     * metadata. librdkafka 2.0.2 uses one version per API for these calls.
     */
    private static final Map<String, Integer> LIBRDKAFKA_MAX_VERSIONS = Map.ofEntries(
            Map.entry("ApiVersions", 3),
            Map.entry("Metadata", 4),
            Map.entry("Produce", 7),
            Map.entry("Fetch", 11),
            Map.entry("ListOffsets", 2),
            Map.entry("FindCoordinator", 2),
            Map.entry("JoinGroup", 5),
            Map.entry("SyncGroup", 3),
            Map.entry("Heartbeat", 3),
            Map.entry("LeaveGroup", 1),
            Map.entry("OffsetCommit", 7),
            Map.entry("OffsetFetch", 7));

    /** The maximum time one kcat process may run. librdkafka's own timeouts below are shorter. */
    private static final Duration PROCESS_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String MESSAGE_TIMEOUT = "message.timeout.ms=8000";
    private static final int CODEC_RECORDS = 50;

    /** Fixed record timestamps for offsets-for-times: BASE_TIMESTAMP + offset * 1000 ms. */
    private static final long BASE_TIMESTAMP = 1_700_000_000_000L;

    private static final Pattern END_OF_PARTITION = Pattern.compile("Reached end of topic \\S+ \\[0] at offset (\\d+)");

    @Test
    @Order(1)
    void keyedProduceReportsStoredPartition() throws Exception {
        Matrix.run(KCAT, Scenario.KEYED_PRODUCE, () -> {
            Target tributary = CompatBrokers.tributary();
            String topic = "kcat-keyed";
            JavaPeer.createTopic(tributary, topic, 3, Map.of());

            Kcat.Output metadata = Kcat.run(tributary, "compat-kcat-metadata", PROCESS_TIMEOUT, "",
                    "-L", "-t", topic);
            assertThat(metadata.exitCode()).as(metadata.describe()).isZero();
            assertThat(metadata.stdout()).as("kcat -L output").contains("topic \"" + topic + "\" with 3 partitions");

            List<Kcat.Delivery> deliveries = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                Kcat.Output produced = Kcat.run(tributary, "compat-kcat-keyed", PROCESS_TIMEOUT,
                        "key-" + i + ":value-" + i + "\n", "-P", "-t", topic, "-K:", "-vv", "-X", MESSAGE_TIMEOUT);
                assertThat(produced.deliveries()).as("delivery report of record %d: %s", i, produced.describe())
                        .hasSize(1);
                deliveries.add(produced.deliveries().get(0));
            }
            assertThat(deliveries.stream().map(Kcat.Delivery::partition).distinct().count())
                    .as("partitions used by 12 keys").isGreaterThan(1);

            List<KcatRecord> stored = consumeAll(tributary, "compat-kcat-keyed", topic, "-o", "beginning");
            for (int i = 0; i < deliveries.size(); i++) {
                Kcat.Delivery delivery = deliveries.get(i);
                KcatRecord record = find(stored, delivery.partition(), delivery.offset());
                assertThat(record).as("record at reported %s", delivery).isNotNull();
                assertThat(record.key()).as("key at %s", delivery).isEqualTo("key-" + i);
                assertThat(record.payload()).as("value at %s", delivery).isEqualTo("value-" + i);
            }
        });
    }

    @Test
    @Order(2)
    void groupResumesFromCommittedOffsets() throws Exception {
        Matrix.run(KCAT, Scenario.GROUP_COMMIT_RESUME, () -> {
            Target tributary = CompatBrokers.tributary();
            String topic = "kcat-group";
            String group = "kcat-group-readers";
            JavaPeer.createTopic(tributary, topic, 2, Map.of());
            produceLines(tributary, topic, IntStream.range(0, 10).mapToObj(i -> "key-" + i + ":before-" + i));

            List<KcatRecord> first = consumeGroup(tributary, topic, group);
            assertThat(payloads(first)).as("first group member's records")
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 10).mapToObj(i -> "before-" + i).toList());

            produceLines(tributary, topic, IntStream.range(0, 4).mapToObj(i -> "key-" + i + ":after-" + i));
            List<KcatRecord> second = consumeGroup(tributary, topic, group);
            assertThat(payloads(second)).as("records after the commit, read by a restarted member")
                    .containsExactlyInAnyOrderElementsOf(IntStream.range(0, 4).mapToObj(i -> "after-" + i).toList());
        });
    }

    @Test
    @Order(3)
    void codecNoneRoundTrip() throws Exception {
        codecRoundTrip(Scenario.CODEC_NONE, "none");
    }

    @Test
    @Order(3)
    void codecGzipRoundTrip() throws Exception {
        codecRoundTrip(Scenario.CODEC_GZIP, "gzip");
    }

    @Test
    @Order(3)
    void codecSnappyRoundTrip() throws Exception {
        codecRoundTrip(Scenario.CODEC_SNAPPY, "snappy");
    }

    @Test
    @Order(3)
    void codecLz4RoundTrip() throws Exception {
        codecRoundTrip(Scenario.CODEC_LZ4, "lz4");
    }

    @Test
    @Order(3)
    void codecZstdRoundTrip() throws Exception {
        codecRoundTrip(Scenario.CODEC_ZSTD, "zstd");
    }

    /**
     * kcat writes compressible values with {@code codec} and the Java 4.4 consumer reads them, then the Java
     * 4.4 producer writes with {@code codec} and kcat reads. Both times the stored batches must carry the
     * codec, because a client may send a batch uncompressed when compression would not shrink it.
     */
    private static void codecRoundTrip(Scenario scenario, String codec) throws Exception {
        Matrix.run(KCAT, scenario, () -> {
            Target tributary = CompatBrokers.tributary();
            List<String> values = IntStream.range(0, CODEC_RECORDS)
                    .mapToObj(i -> "value-" + i + "-" + "compressible".repeat(16)).toList();

            String fromKcat = "kcat-codec-" + codec + "-written-by-kcat";
            JavaPeer.createTopic(tributary, fromKcat, 1, Map.of());
            Kcat.Output produced = Kcat.run(tributary, "compat-kcat-codec-" + codec, PROCESS_TIMEOUT,
                    String.join("\n", values) + "\n", "-P", "-t", fromKcat, "-p", "0", "-z", codec,
                    "-X", "linger.ms=200", "-X", MESSAGE_TIMEOUT, "-vv");
            assertThat(produced.deliveries()).as(produced.describe()).hasSize(CODEC_RECORDS);
            assertThat(StoredBatches.codecs(fromKcat, 0)).as("codecs of batches kcat wrote").containsExactly(codec);
            List<String> readByJava = JavaPeer.consume(tributary, fromKcat, 0, CODEC_RECORDS).stream()
                    .map(ConsumerRecord::value).toList();
            assertThat(readByJava).as("values the Java 4.4 consumer read").containsExactlyElementsOf(values);

            String toKcat = "kcat-codec-" + codec + "-read-by-kcat";
            JavaPeer.createTopic(tributary, toKcat, 1, Map.of());
            JavaPeer.produce(tributary, codec, values.stream()
                    .map(value -> new ProducerRecord<String, String>(toKcat, 0, null, value)).toList());
            assertThat(StoredBatches.codecs(toKcat, 0)).as("codecs of batches Java wrote").containsExactly(codec);
            List<KcatRecord> readByKcat = consumeAll(tributary, "compat-kcat-codec-" + codec, toKcat,
                    "-p", "0", "-o", "beginning");
            assertThat(payloads(readByKcat)).as("values kcat read").containsExactlyElementsOf(values);
        });
    }

    @Test
    @Order(4)
    void headersAndNullsSurviveRoundTrip() throws Exception {
        Matrix.run(KCAT, Scenario.HEADERS_AND_NULLS, () -> {
            Target tributary = CompatBrokers.tributary();
            String topic = "kcat-headers";
            JavaPeer.createTopic(tributary, topic, 1, Map.of());

            // -Z sends an empty key or value as null, and -H without '=' sends a header with a null value.
            Kcat.Output produced = Kcat.run(tributary, "compat-kcat-headers", PROCESS_TIMEOUT,
                    "key-1:value-1\n:value-2\nkey-3:\n", "-P", "-t", topic, "-p", "0", "-K:", "-Z",
                    "-H", "trace=first", "-H", "trace=second", "-H", "marker", "-X", MESSAGE_TIMEOUT, "-vv");
            assertThat(produced.deliveries()).as(produced.describe()).hasSize(3);

            List<KcatRecord> readByKcat = consumeAll(tributary, "compat-kcat-headers", topic, "-p", "0",
                    "-o", "beginning");
            assertThat(readByKcat).as("records kcat read back").hasSize(3);
            for (KcatRecord record : readByKcat) {
                assertThat(record.headers()).as("headers at offset %d", record.offset())
                        .containsExactly("trace", "first", "trace", "second", "marker", null);
            }
            assertThat(readByKcat.get(0).key()).isEqualTo("key-1");
            assertThat(readByKcat.get(1).key()).as("null key").isNull();
            assertThat(readByKcat.get(1).payload()).isEqualTo("value-2");
            assertThat(readByKcat.get(2).payload()).as("null value").isNull();

            List<ConsumerRecord<String, String>> readByJava = JavaPeer.consume(tributary, topic, 0, 3);
            assertThat(readByJava).as("records the Java 4.4 consumer read").hasSize(3);
            for (ConsumerRecord<String, String> record : readByJava) {
                List<String> traces = new ArrayList<>();
                for (Header header : record.headers().headers("trace")) {
                    traces.add(new String(header.value()));
                }
                assertThat(traces).as("repeated header at offset %d", record.offset()).containsExactly("first", "second");
                assertThat(record.headers().lastHeader("marker")).as("marker header").isNotNull();
                assertThat(record.headers().lastHeader("marker").value()).as("null header value").isNull();
            }
            assertThat(readByJava.get(1).key()).as("null key read by Java").isNull();
            assertThat(readByJava.get(2).value()).as("null value read by Java").isNull();
        });
    }

    /**
     * One record with a null key, no headers and a value of V bytes makes a v2 batch of V + 72 bytes. These
     * are the 61-byte batch header and 11 bytes of record framing, with 3-byte varints for the record length
     * and the value length when V is near 100,000. The test checks the stored size on Tributary. librdkafka's
     * own limit {@code message.max.bytes} stays at its default of 1,000,000, far above both batches, so the
     * broker decides.
     */
    @Test
    @Order(5)
    void sizeLimitAcceptsExactBatchRejectsOneMore() throws Exception {
        Matrix.run(KCAT, Scenario.SIZE_LIMIT, () -> {
            String kafka = sizeLimitOutcome(CompatBrokers.kafka());
            String tributary = sizeLimitOutcome(CompatBrokers.tributary());

            assertThat(StoredBatches.of("kcat-size-limit", 0)).as("batches Tributary stored")
                    .containsExactly(new StoredBatches.Batch("none", 100_000));
            assertThat(RequestLog.versionsUsed("compat-kcat-size-limit")).as("APIs of the size-limit producer")
                    .containsKey("Produce");
            Matrix.compare(KCAT, Scenario.SIZE_LIMIT, kafka, tributary);
        });
    }

    private static String sizeLimitOutcome(Target target) throws Exception {
        String topic = "kcat-size-limit";
        JavaPeer.createTopic(target, topic, 1, Map.of("max.message.bytes", "100000"));
        return "100000 B: " + produceOneValue(target, topic, 100_000 - 72)
                + "; 100001 B: " + produceOneValue(target, topic, 100_001 - 72);
    }

    private static String produceOneValue(Target target, String topic, int valueLength) {
        Kcat.Output output = Kcat.run(target, "compat-kcat-size-limit", PROCESS_TIMEOUT,
                "v".repeat(valueLength) + "\n", "-P", "-t", topic, "-p", "0", "-X", MESSAGE_TIMEOUT, "-vv");
        List<Kcat.Delivery> deliveries = output.deliveries();
        if (deliveries.size() == 1) {
            return "delivered at offset " + deliveries.get(0).offset();
        }
        return "exit " + output.exitCode() + ", " + output.errors();
    }

    @Test
    @Order(6)
    void offsetsForTimesFindFirstMatch() throws Exception {
        Matrix.run(KCAT, Scenario.OFFSETS_FOR_TIMES, () -> {
            Target tributary = CompatBrokers.tributary();
            String topic = "kcat-times";
            JavaPeer.createTopic(tributary, topic, 1, Map.of());
            // kcat 1.7 cannot set a record's timestamp, so the Java 4.4 producer writes them.
            JavaPeer.produce(tributary, "none", IntStream.range(0, 10)
                    .mapToObj(i -> new ProducerRecord<>(topic, 0, BASE_TIMESTAMP + i * 1000L, "key-" + i, "value-" + i))
                    .toList());

            assertThat(firstOffsetAtOrAfter(tributary, topic, BASE_TIMESTAMP)).as("at the first timestamp")
                    .isEqualTo("0");
            assertThat(firstOffsetAtOrAfter(tributary, topic, BASE_TIMESTAMP + 2500)).as("between records 2 and 3")
                    .isEqualTo("3");
            assertThat(firstOffsetAtOrAfter(tributary, topic, BASE_TIMESTAMP + 9000)).as("at the last timestamp")
                    .isEqualTo("9");
            assertThat(firstOffsetAtOrAfter(tributary, topic, BASE_TIMESTAMP + 60_000)).as("after the last")
                    .isEqualTo("none, end at 10");
        });
    }

    /** Returns the offset kcat starts reading at for {@code -o s@timestamp}, or where it reached the end. */
    private static String firstOffsetAtOrAfter(Target target, String topic, long timestamp) {
        Kcat.Output output = Kcat.run(target, "compat-kcat-times", PROCESS_TIMEOUT, "",
                "-C", "-t", topic, "-p", "0", "-o", "s@" + timestamp, "-c", "1", "-e", "-J");
        List<KcatRecord> records = output.records();
        if (!records.isEmpty()) {
            return String.valueOf(records.get(0).offset());
        }
        Matcher end = END_OF_PARTITION.matcher(output.stderr());
        return end.find() ? "none, end at " + end.group(1) : output.describe();
    }

    @Test
    @Order(7)
    void resetEarliestReadsFromStart() throws Exception {
        Matrix.run(KCAT, Scenario.RESET_EARLIEST, () -> {
            String kafka = resetEarliestOutcome(CompatBrokers.kafka());
            assertThat(kafka).as("outcome on Kafka 4.4, the reference").isEqualTo("read offsets 0,1,2,3,4,5,6,7,8,9");
            Matrix.compare(KCAT, Scenario.RESET_EARLIEST, kafka, resetEarliestOutcome(CompatBrokers.tributary()));
        });
    }

    private static String resetEarliestOutcome(Target target) throws Exception {
        String topic = createTenRecordTopic(target, "kcat-reset-earliest");
        Kcat.Output output = Kcat.run(target, "compat-kcat-reset-earliest", PROCESS_TIMEOUT, "",
                "-C", "-t", topic, "-p", "0", "-o", "1000", "-X", "auto.offset.reset=earliest", "-e", "-J");
        return "read offsets " + offsets(output.records()) + errorsSuffix(output);
    }

    @Test
    @Order(7)
    void resetLatestReadsOnlyNewRecords() throws Exception {
        Matrix.run(KCAT, Scenario.RESET_LATEST, () -> {
            String kafka = resetLatestOutcome(CompatBrokers.kafka());
            assertThat(kafka).as("outcome on Kafka 4.4, the reference").isEqualTo("read offsets 10,11,12");
            Matrix.compare(KCAT, Scenario.RESET_LATEST, kafka, resetLatestOutcome(CompatBrokers.tributary()));
        });
    }

    private static String resetLatestOutcome(Target target) throws Exception {
        String topic = createTenRecordTopic(target, "kcat-reset-latest");
        try (Kcat kcat = Kcat.start(target, "compat-kcat-reset-latest", "",
                "-C", "-t", topic, "-p", "0", "-o", "1000", "-X", "auto.offset.reset=latest", "-J", "-u")) {
            // kcat prints "Reached end of topic" once the reset to the end took effect.
            if (!kcat.awaitOutput(WAIT, output -> output.stderr().contains("Reached end of topic"))) {
                return "no end of partition within " + WAIT + errorsSuffix(kcat.snapshot());
            }
            JavaPeer.produce(target, "none", IntStream.range(10, 13)
                    .mapToObj(i -> new ProducerRecord<String, String>(topic, 0, "key-" + i, "value-" + i)).toList());
            kcat.awaitOutput(WAIT, output -> output.records().size() >= 3);
            Kcat.Output output = kcat.snapshot();
            return "read offsets " + offsets(output.records()) + errorsSuffix(output);
        }
    }

    @Test
    @Order(7)
    void resetNoneReportsOutOfRange() throws Exception {
        Matrix.run(KCAT, Scenario.RESET_NONE, () -> Matrix.compare(KCAT, Scenario.RESET_NONE,
                resetNoneOutcome(CompatBrokers.kafka()), resetNoneOutcome(CompatBrokers.tributary())));
    }

    /** Uses {@code error}, librdkafka's value for "no reset", so the out-of-range offset is reported as an error. */
    private static String resetNoneOutcome(Target target) throws Exception {
        String topic = createTenRecordTopic(target, "kcat-reset-none");
        Kcat.Output output = Kcat.run(target, "compat-kcat-reset-none", PROCESS_TIMEOUT, "",
                "-C", "-t", topic, "-p", "0", "-o", "1000", "-X", "auto.offset.reset=error", "-e", "-E", "-J");
        return "exit " + output.exitCode() + ", read offsets " + offsets(output.records()) + errorsSuffix(output);
    }

    @Test
    @Order(7)
    void resetByDurationNotApplicable() {
        Matrix.notApplicable(KCAT, Scenario.RESET_BY_DURATION);
    }

    @Test
    @Order(8)
    void unknownTopicFailsFast() throws Exception {
        Matrix.run(KCAT, Scenario.UNKNOWN_TOPIC, () -> Matrix.compare(KCAT, Scenario.UNKNOWN_TOPIC,
                unknownTopicOutcome(CompatBrokers.kafka()), unknownTopicOutcome(CompatBrokers.tributary())));
    }

    private static String unknownTopicOutcome(Target target) {
        String topic = "kcat-unknown";
        Kcat.Output produced = Kcat.run(target, "compat-kcat-unknown", PROCESS_TIMEOUT, "value\n",
                "-P", "-t", topic, "-X", MESSAGE_TIMEOUT);
        Kcat.Output consumed = Kcat.run(target, "compat-kcat-unknown", PROCESS_TIMEOUT, "",
                "-C", "-t", topic, "-e", "-E", "-J");
        return "produce: exit " + produced.exitCode() + ", " + produced.errors()
                + "; consume: exit " + consumed.exitCode() + ", " + consumed.errors();
    }

    @Test
    @Order(9)
    void deleteWhileReadingEndsConsumer() throws Exception {
        Matrix.run(KCAT, Scenario.DELETE_WHILE_READING, () -> {
            String kafka = deleteWhileReadingOutcome(CompatBrokers.kafka());
            assertThat(kafka).as("outcome on Kafka 4.4, the reference").startsWith("read 10 records; after the delete");
            Matrix.compare(KCAT, Scenario.DELETE_WHILE_READING, kafka,
                    deleteWhileReadingOutcome(CompatBrokers.tributary()));
        });
    }

    private static String deleteWhileReadingOutcome(Target target) throws Exception {
        String topic = createTenRecordTopic(target, "kcat-delete");
        try (Kcat kcat = Kcat.start(target, "compat-kcat-delete", "",
                "-C", "-t", topic, "-p", "0", "-o", "beginning", "-E", "-J", "-u")) {
            if (!kcat.awaitOutput(WAIT, output -> output.records().size() >= 10)) {
                return "read " + kcat.snapshot().records().size() + " records before the delete"
                        + errorsSuffix(kcat.snapshot());
            }
            JavaPeer.deleteTopic(target, topic);
            boolean exited = kcat.exitsWithin(WAIT);
            Kcat.Output output = kcat.snapshot();
            return "read " + output.records().size() + " records; after the delete: "
                    + (exited ? "exit " + output.exitCode() : "still running after " + WAIT)
                    + errorsSuffix(output);
        }
    }

    @Test
    @Order(100)
    void negotiatesHighestCommonVersions() {
        Matrix.checkNegotiation(KCAT, LIBRDKAFKA_MAX_VERSIONS);
    }

    private static String createTenRecordTopic(Target target, String topic) throws Exception {
        JavaPeer.createTopic(target, topic, 1, Map.of());
        JavaPeer.produce(target, "none", IntStream.range(0, 10)
                .mapToObj(i -> new ProducerRecord<String, String>(topic, 0, "key-" + i, "value-" + i)).toList());
        return topic;
    }

    /** Produces {@code key:value} lines with kcat and waits for every delivery report. */
    private static void produceLines(Target target, String topic, Stream<String> lines) {
        List<String> input = lines.toList();
        Kcat.Output produced = Kcat.run(target, "compat-kcat-producer", PROCESS_TIMEOUT,
                String.join("\n", input) + "\n", "-P", "-t", topic, "-K:", "-X", MESSAGE_TIMEOUT, "-vv");
        assertThat(produced.deliveries()).as(produced.describe()).hasSize(input.size());
    }

    /** Reads with the balanced consumer of {@code group} from the committed offsets to the end of every partition. */
    private static List<KcatRecord> consumeGroup(Target target, String topic, String group) {
        Kcat.Output output = Kcat.run(target, "compat-kcat-group", PROCESS_TIMEOUT, "",
                "-G", group, "-X", "auto.offset.reset=earliest", "-e", "-J", topic);
        assertThat(output.exitCode()).as(output.describe()).isZero();
        return output.records();
    }

    private static List<KcatRecord> consumeAll(Target target, String clientId, String topic, String... position) {
        List<String> arguments = new ArrayList<>(List.of("-C", "-t", topic, "-e", "-J"));
        arguments.addAll(List.of(position));
        Kcat.Output output = Kcat.run(target, clientId, PROCESS_TIMEOUT, "", arguments.toArray(String[]::new));
        assertThat(output.exitCode()).as(output.describe()).isZero();
        return output.records();
    }

    private static KcatRecord find(List<KcatRecord> records, int partition, long offset) {
        return records.stream().filter(r -> r.partition() == partition && r.offset() == offset).findFirst()
                .orElse(null);
    }

    private static List<String> payloads(List<KcatRecord> records) {
        return records.stream().map(KcatRecord::payload).toList();
    }

    private static String offsets(List<KcatRecord> records) {
        return records.stream().map(record -> String.valueOf(record.offset())).collect(Collectors.joining(","));
    }

    private static String errorsSuffix(Kcat.Output output) {
        String errors = output.errors();
        return errors.isEmpty() ? "" : "; errors: " + errors;
    }
}
