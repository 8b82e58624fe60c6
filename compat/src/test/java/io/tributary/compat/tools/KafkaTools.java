package io.tributary.compat.tools;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.compat.support.Client;
import io.tributary.compat.support.CompatBrokers;
import io.tributary.compat.support.CompatBrokers.Target;
import io.tributary.compat.support.KafkaRefTool;
import io.tributary.storage.tools.LogDump;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Runs Kafka 4.4's command-line tools for the "Kafka 4.4 tools" column, and gives the tests a Java 4.4 peer
 * client (kafka-clients 4.4.0 from the test class path) to set up topics and to write or read what the tools
 * read or wrote.
 *
 * <p>Every tool run sends a client id that starts with {@link #PREFIX}. The peer client sends ids that start
 * with {@link #PEER_PREFIX}, which no matrix column uses, so its requests never count as the tools'.
 */
final class KafkaTools {

    static final String PREFIX = Client.KAFKA_TOOLS.clientIdPrefix();
    static final String PEER_PREFIX = "compat-peer-of-tools";

    static final String TOPIC_COMMAND = "org.apache.kafka.tools.TopicCommand";
    static final String CONSOLE_PRODUCER = "org.apache.kafka.tools.ConsoleProducer";
    static final String CONSOLE_CONSUMER = "org.apache.kafka.tools.consumer.ConsoleConsumer";
    static final String GROUP_COMMAND = "org.apache.kafka.tools.consumer.group.ConsumerGroupCommand";
    static final String CONFIG_COMMAND = "org.apache.kafka.tools.ConfigCommand";
    static final String GET_OFFSET_SHELL = "org.apache.kafka.tools.GetOffsetShell";
    static final String API_VERSIONS_COMMAND = "org.apache.kafka.tools.BrokerApiVersionsCommand";
    static final String DELETE_RECORDS_COMMAND = "org.apache.kafka.tools.DeleteRecordsCommand";
    static final String VERIFIABLE_PRODUCER = "org.apache.kafka.tools.VerifiableProducer";
    static final String VERIFIABLE_CONSUMER = "org.apache.kafka.tools.VerifiableConsumer";
    static final String CLIENT_COMPATIBILITY_TEST = "org.apache.kafka.tools.ClientCompatibilityTest";

    /** The time limit of one tool run. A run that reaches it is killed and fails the check. */
    static final Duration TOOL_TIMEOUT = Duration.ofSeconds(60);

    /** Client settings that keep the peer and the tools within the suite's 10-second client timeouts. */
    static final Map<String, String> FAST_FAILING = Map.of(
            "request.timeout.ms", "10000",
            "default.api.timeout.ms", "10000");

    /** An exception class name at the start of a line, as in a stack trace or a cause line. */
    private static final Pattern EXCEPTION = Pattern.compile(
            "^(?:Caused by: )?(?:[\\w$]+\\.)*(\\w+(?:Exception|Error))(?::|$)", Pattern.MULTILINE);

    /** An error code in a client's metadata warning, for example {@code {orders=UNKNOWN_TOPIC_OR_PARTITION}}. */
    private static final Pattern METADATA_ERROR = Pattern.compile("\\{[^=}\\s]+=([A-Z_]+)}");

    private KafkaTools() {
    }

    /** Returns the client id of one tool run: the column prefix, a dash and {@code name}. */
    static String clientId(String name) {
        return PREFIX + "-" + name;
    }

    /** Runs a tool and returns what it printed, whatever its exit code. */
    static KafkaRefTool.Output run(String className, String... arguments) {
        return KafkaRefTool.run(TOOL_TIMEOUT, "", className, List.of(arguments));
    }

    /** Runs a tool with {@code input} on its standard input, whatever its exit code. */
    static KafkaRefTool.Output runWithInput(String input, String className, String... arguments) {
        return KafkaRefTool.run(TOOL_TIMEOUT, input, className, List.of(arguments));
    }

    /**
     * Runs a tool and returns its standard output.
     *
     * @throws AssertionError when the tool exits with a code other than 0
     */
    static String runOk(String className, String... arguments) {
        return succeeded(className, run(className, arguments));
    }

    /** Like {@link #runOk} with {@code input} on the tool's standard input. */
    static String runOkWithInput(String input, String className, String... arguments) {
        return succeeded(className, runWithInput(input, className, arguments));
    }

    private static String succeeded(String className, KafkaRefTool.Output output) {
        assertThat(output.exitCode()).as("exit code of %s; %s", className, output.describe()).isZero();
        return output.stdout();
    }

    /**
     * Writes a client properties file for a tool's {@code --command-config}, with the client id
     * {@link #clientId clientId(name)}, the fast-failing timeouts and {@code extra}, and returns its path.
     */
    static String commandConfig(String name, Map<String, String> extra) {
        Properties properties = new Properties();
        properties.putAll(FAST_FAILING);
        properties.putAll(extra);
        properties.setProperty("client.id", clientId(name));
        try {
            Path dir = Files.createDirectories(CompatBrokers.workDir().resolve("tools-config"));
            Path file = dir.resolve(name + ".properties");
            try (var writer = Files.newBufferedWriter(file)) {
                properties.store(writer, null);
            }
            return file.toString();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the client properties for " + name, e);
        }
    }

    /** {@link #commandConfig(String, Map)} without extra settings. */
    static String commandConfig(String name) {
        return commandConfig(name, Map.of());
    }

    /** Returns the distinct exception class names in {@code text} (a tool's standard error), in order of appearance. */
    static List<String> exceptionNames(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = EXCEPTION.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return List.copyOf(names);
    }

    /** Returns the distinct error codes of a client's metadata warnings in {@code text}, sorted. */
    static Set<String> metadataErrors(String text) {
        Set<String> codes = new TreeSet<>();
        Matcher matcher = METADATA_ERROR.matcher(text);
        while (matcher.find()) {
            codes.add(matcher.group(1));
        }
        return codes;
    }

    /** Returns N from ConsoleConsumer's closing line {@code Processed a total of N messages}, or -1 without one. */
    static int processedCount(KafkaRefTool.Output output) {
        Matcher matcher = Pattern.compile("Processed a total of (\\d+) messages").matcher(output.stderr());
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    /** Creates an Admin client of the peer, with client id {@code PEER_PREFIX-admin}. */
    static Admin admin(Target target) {
        Properties properties = new Properties();
        properties.putAll(FAST_FAILING);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        properties.put(AdminClientConfig.CLIENT_ID_CONFIG, PEER_PREFIX + "-admin");
        return Admin.create(properties);
    }

    /** Creates {@code topic} on {@code target} with the peer's Admin client. */
    static void createTopic(Target target, String topic, int partitions, Map<String, String> configs)
            throws Exception {
        try (Admin admin = admin(target)) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1).configs(configs))).all().get();
        }
    }

    /** Deletes {@code topic} from {@code target} if it exists. */
    static void deleteTopicIfExists(Target target, String topic) throws Exception {
        try (Admin admin = admin(target)) {
            admin.deleteTopics(List.of(topic)).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                throw e;
            }
        }
    }

    /** Returns the log end offset of each partition of {@code topic}, by partition number. */
    static Map<Integer, Long> endOffsets(Target target, String topic, int partitions) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            request.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        Map<Integer, Long> ends = new TreeMap<>();
        try (Admin admin = admin(target)) {
            admin.listOffsets(request).all().get()
                    .forEach((partition, info) -> ends.put(partition.partition(), info.offset()));
        }
        return ends;
    }

    /** Creates a String producer of the peer with {@code acks=all} and {@code settings} on top. */
    static KafkaProducer<String, String> producer(Target target, String name, Map<String, String> settings) {
        Properties properties = new Properties();
        properties.putAll(FAST_FAILING);
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        properties.put(ProducerConfig.CLIENT_ID_CONFIG, PEER_PREFIX + "-" + name);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        properties.putAll(settings);
        return new KafkaProducer<>(properties, new StringSerializer(), new StringSerializer());
    }

    /**
     * Reads every partition of {@code topic} from the beginning with the peer's consumer (no group) until it
     * has {@code expected} records or 15 seconds pass, and returns what it read.
     */
    static List<ConsumerRecord<String, String>> readAll(Target target, String topic, int partitions, int expected) {
        Properties properties = new Properties();
        properties.putAll(FAST_FAILING);
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, target.bootstrapServers());
        properties.put(ConsumerConfig.CLIENT_ID_CONFIG, PEER_PREFIX + "-reader");
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<TopicPartition> assignment = new ArrayList<>();
        for (int partition = 0; partition < partitions; partition++) {
            assignment.add(new TopicPartition(topic, partition));
        }
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(assignment);
            consumer.seekToBeginning(assignment);
            long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
            while (records.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    /** Returns the values of {@code records}, in order. */
    static List<String> values(Collection<ConsumerRecord<String, String>> records) {
        return records.stream().map(ConsumerRecord::value).toList();
    }

    /**
     * Returns the compression codec of every batch in partition {@code partition} of {@code topic} as Tributary
     * stored it, read from the first segment file with {@link LogDump}.
     */
    static List<String> storedCodecs(String topic, int partition) throws IOException {
        Path segment = firstSegment(topic, partition);
        StringBuilder dump = new StringBuilder();
        LogDump.dump(segment, false, dump);
        List<String> codecs = new ArrayList<>();
        Matcher matcher = Pattern.compile(" compresscodec: (\\S+) ").matcher(dump);
        while (matcher.find()) {
            codecs.add(matcher.group(1));
        }
        return codecs;
    }

    /** Returns the path of the first segment file of a Tributary partition. */
    static Path firstSegment(String topic, int partition) {
        return CompatBrokers.tributaryLogDir().resolve(topic + "-" + partition).resolve("00000000000000000000.log");
    }
}
