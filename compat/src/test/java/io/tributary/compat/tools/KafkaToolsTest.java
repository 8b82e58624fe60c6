package io.tributary.compat.tools;

import static io.tributary.compat.tools.KafkaTools.API_VERSIONS_COMMAND;
import static io.tributary.compat.tools.KafkaTools.CLIENT_COMPATIBILITY_TEST;
import static io.tributary.compat.tools.KafkaTools.CONFIG_COMMAND;
import static io.tributary.compat.tools.KafkaTools.CONSOLE_CONSUMER;
import static io.tributary.compat.tools.KafkaTools.CONSOLE_PRODUCER;
import static io.tributary.compat.tools.KafkaTools.DELETE_RECORDS_COMMAND;
import static io.tributary.compat.tools.KafkaTools.GET_OFFSET_SHELL;
import static io.tributary.compat.tools.KafkaTools.GROUP_COMMAND;
import static io.tributary.compat.tools.KafkaTools.TOPIC_COMMAND;
import static io.tributary.compat.tools.KafkaTools.VERIFIABLE_CONSUMER;
import static io.tributary.compat.tools.KafkaTools.VERIFIABLE_PRODUCER;
import static io.tributary.compat.tools.KafkaTools.admin;
import static io.tributary.compat.tools.KafkaTools.commandConfig;
import static io.tributary.compat.tools.KafkaTools.runOk;
import static io.tributary.compat.tools.KafkaTools.runOkWithInput;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.compat.support.CompatBrokers;
import io.tributary.compat.support.CompatBrokers.Target;
import io.tributary.compat.support.KafkaRefTool;
import io.tributary.compat.support.Matrix;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiVersionTable;
import io.tributary.protocol.ApiVersionTable.VersionRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

/**
 * Runs Apache Kafka 4.4's command-line tools against Tributary and records each check in the "Kafka 4.4
 * tools" table of the compatibility matrix. Every check asserts the tool's effect, read back with the tool
 * itself or with the Java 4.4 Admin client, not only its exit code.
 */
class KafkaToolsTest {

    /** A line of ConsumerGroupCommand's offsets table: group, topic, partition, current, log end and lag. */
    private static final Pattern GROUP_ROW = Pattern.compile(
            "^(\\S+)\\s+(\\S+)\\s+(\\d+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)", Pattern.MULTILINE);

    private final Target tributary = CompatBrokers.tributary();

    @Test
    void topicCommandManagesTopic() throws Exception {
        String topic = "tools-topic-command";
        String config = commandConfig("topic-command");
        Matrix.tool("TopicCommand", "--create --partitions 3 --config max.message.bytes=150000", () -> {
            String output = runOk(TOPIC_COMMAND, "--bootstrap-server", tributary.bootstrapServers(),
                    "--command-config", config, "--create", "--topic", topic, "--partitions", "3",
                    "--config", "max.message.bytes=150000");
            assertThat(output).contains("Created topic " + topic);
            assertThat(topicConfig(topic, "max.message.bytes")).isEqualTo("150000");
        });
        Matrix.tool("TopicCommand", "--list", () -> {
            String output = runOk(TOPIC_COMMAND, "--bootstrap-server", tributary.bootstrapServers(),
                    "--command-config", config, "--list");
            assertThat(output.lines()).contains(topic);
        });
        Matrix.tool("TopicCommand", "--describe shows the partitions and the topic config", () -> {
            String output = runOk(TOPIC_COMMAND, "--bootstrap-server", tributary.bootstrapServers(),
                    "--command-config", config, "--describe", "--topic", topic);
            assertThat(output).contains("PartitionCount: 3").contains("max.message.bytes=150000");
            for (int partition = 0; partition < 3; partition++) {
                assertThat(output).contains("Partition: " + partition + "\tLeader: 1");
            }
        });
        Matrix.tool("TopicCommand", "--alter --partitions 6", () -> {
            runOk(TOPIC_COMMAND, "--bootstrap-server", tributary.bootstrapServers(), "--command-config", config,
                    "--alter", "--topic", topic, "--partitions", "6");
            try (Admin admin = admin(tributary)) {
                int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic)
                        .partitions().size();
                assertThat(partitions).isEqualTo(6);
            }
        });
        Matrix.tool("TopicCommand", "--delete", () -> {
            runOk(TOPIC_COMMAND, "--bootstrap-server", tributary.bootstrapServers(), "--command-config", config,
                    "--delete", "--topic", topic);
            try (Admin admin = admin(tributary)) {
                assertThat(admin.listTopics().names().get()).doesNotContain(topic);
            }
        });
    }

    @Test
    void consoleProducerAndConsumerRoundTrip() throws Exception {
        String topic = "tools-console";
        KafkaTools.createTopic(tributary, topic, 2, Map.of());
        String input = "h1:a,h2:b\tkey-1\tvalue-1\nh1:c\tkey-2\tvalue-2\nh1:d\tkey-3\tvalue-3\n";
        Matrix.tool("ConsoleProducer", "--reader-property parse.key=true parse.headers=true", () -> {
            runOkWithInput(input, CONSOLE_PRODUCER, "--bootstrap-server", tributary.bootstrapServers(),
                    "--topic", topic, "--command-property", "client.id=" + KafkaTools.clientId("console-producer"),
                    "--reader-property", "parse.key=true", "--reader-property", "parse.headers=true");
            assertThat(KafkaTools.values(KafkaTools.readAll(tributary, topic, 2, 3)))
                    .containsExactlyInAnyOrder("value-1", "value-2", "value-3");
        });
        Matrix.tool("ConsoleConsumer", "--group --from-beginning --max-messages with keys and headers", () -> {
            KafkaRefTool.Output output = KafkaTools.run(CONSOLE_CONSUMER, "--bootstrap-server",
                    tributary.bootstrapServers(), "--topic", topic, "--group", "tools-console-group",
                    "--from-beginning", "--max-messages", "3", "--timeout-ms", "10000",
                    "--command-property", "client.id=" + KafkaTools.clientId("console-consumer"),
                    "--formatter-property", "print.key=true", "--formatter-property", "print.headers=true");
            assertThat(output.exitCode()).as(output.describe()).isZero();
            assertThat(output.stdout().lines()).containsExactlyInAnyOrder(
                    "h1:a,h2:b\tkey-1\tvalue-1", "h1:c\tkey-2\tvalue-2", "h1:d\tkey-3\tvalue-3");
            assertThat(KafkaTools.processedCount(output)).isEqualTo(3);
            try (Admin admin = admin(tributary)) {
                long committed = admin.listConsumerGroupOffsets("tools-console-group").partitionsToOffsetAndMetadata()
                        .get().values().stream().mapToLong(offset -> offset.offset()).sum();
                assertThat(committed).as("offsets the group committed, summed over partitions").isEqualTo(3);
            }
        });
    }

    @Test
    void consumerGroupCommandManagesGroup() throws Exception {
        String topic = "tools-group-command";
        String group = "tools-group-command-group";
        KafkaTools.createTopic(tributary, topic, 2, Map.of());
        try (KafkaProducer<String, String> producer = KafkaTools.producer(tributary, "group-command", Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, 0, null, "p0-" + i)).get();
            }
            for (int i = 0; i < 6; i++) {
                producer.send(new ProducerRecord<>(topic, 1, null, "p1-" + i)).get();
            }
        }
        String config = commandConfig("group-command");
        String[] server = {"--bootstrap-server", tributary.bootstrapServers(), "--command-config", config};

        Matrix.tool("ConsumerGroupCommand", "--reset-offsets --to-offset --execute", () -> {
            runOk(GROUP_COMMAND, concat(server, "--reset-offsets", "--group", group, "--topic", topic,
                    "--to-offset", "4", "--execute"));
            assertThat(committedOffsets(group)).isEqualTo(Map.of(0, 4L, 1, 4L));
        });
        Matrix.tool("ConsumerGroupCommand", "--list", () -> {
            String output = runOk(GROUP_COMMAND, concat(server, "--list"));
            assertThat(output.lines()).contains(group);
        });
        Matrix.tool("ConsumerGroupCommand", "--describe shows current offset, log end offset and lag", () ->
                assertThat(describeOffsets(server, group)).isEqualTo(Map.of(0, "4/10/6", 1, "4/6/2")));
        Matrix.tool("ConsumerGroupCommand", "--reset-offsets --to-earliest --execute", () -> {
            runOk(GROUP_COMMAND, concat(server, "--reset-offsets", "--group", group, "--topic", topic,
                    "--to-earliest", "--execute"));
            assertThat(committedOffsets(group)).isEqualTo(Map.of(0, 0L, 1, 0L));
        });
        Matrix.tool("ConsumerGroupCommand", "--reset-offsets --shift-by --execute", () -> {
            runOk(GROUP_COMMAND, concat(server, "--reset-offsets", "--group", group, "--topic", topic,
                    "--shift-by", "3", "--execute"));
            assertThat(committedOffsets(group)).isEqualTo(Map.of(0, 3L, 1, 3L));
        });
        Matrix.tool("ConsumerGroupCommand", "--delete-offsets", () -> {
            String output = runOk(GROUP_COMMAND, concat(server, "--delete-offsets", "--group", group,
                    "--topic", topic + ":1"));
            assertThat(output).contains("Successful");
            assertThat(committedOffsets(group)).isEqualTo(Map.of(0, 3L));
        });
        Matrix.tool("ConsumerGroupCommand", "--delete", () -> {
            runOk(GROUP_COMMAND, concat(server, "--delete", "--group", group));
            String output = runOk(GROUP_COMMAND, concat(server, "--list"));
            assertThat(output.lines()).doesNotContain(group);
        });
    }

    @Test
    void configCommandAltersTopicConfig() throws Exception {
        String topic = "tools-config-command";
        KafkaTools.createTopic(tributary, topic, 1, Map.of("max.message.bytes", "120000"));
        String[] entity = {"--bootstrap-server", tributary.bootstrapServers(),
            "--command-config", commandConfig("config-command"), "--entity-type", "topics", "--entity-name", topic};

        Matrix.tool("ConfigCommand", "--describe a topic", () -> {
            String output = runOk(CONFIG_COMMAND, concat(entity, "--describe"));
            assertThat(output).contains("max.message.bytes=120000");
        });
        Matrix.tool("ConfigCommand", "--alter --add-config", () -> {
            runOk(CONFIG_COMMAND, concat(entity, "--alter", "--add-config",
                    "retention.ms=3600000,max.message.bytes=130000"));
            assertThat(topicConfig(topic, "retention.ms")).isEqualTo("3600000");
            assertThat(topicConfig(topic, "max.message.bytes")).isEqualTo("130000");
        });
        Matrix.tool("ConfigCommand", "--alter --delete-config", () -> {
            runOk(CONFIG_COMMAND, concat(entity, "--alter", "--delete-config", "retention.ms"));
            String output = runOk(CONFIG_COMMAND, concat(entity, "--describe"));
            assertThat(output).doesNotContain("retention.ms=").contains("max.message.bytes=130000");
            assertThat(topicConfig(topic, "retention.ms")).isEqualTo("604800000");
        });
    }

    @Test
    void getOffsetShellAndDeleteRecordsCommand() throws Exception {
        String topic = "tools-offsets";
        KafkaTools.createTopic(tributary, topic, 2, Map.of());
        long base = System.currentTimeMillis() - 600_000;
        try (KafkaProducer<String, String> producer = KafkaTools.producer(tributary, "offsets", Map.of())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>(topic, 0, base + i * 1000L, null, "v" + i)).get();
            }
            producer.send(new ProducerRecord<>(topic, 1, base, null, "only")).get();
        }
        String[] shell = {"--bootstrap-server", tributary.bootstrapServers(),
            "--command-config", commandConfig("get-offset-shell"), "--topic", topic};

        Matrix.tool("GetOffsetShell", "--time -1 (latest)", () ->
                assertThat(runOk(GET_OFFSET_SHELL, concat(shell, "--time", "-1")).lines())
                        .containsExactly(topic + ":0:10", topic + ":1:1"));
        Matrix.tool("GetOffsetShell", "--time -2 (earliest)", () ->
                assertThat(runOk(GET_OFFSET_SHELL, concat(shell, "--time", "-2")).lines())
                        .containsExactly(topic + ":0:0", topic + ":1:0"));
        Matrix.tool("GetOffsetShell", "--time <timestamp>", () ->
                assertThat(runOk(GET_OFFSET_SHELL, concat(shell, "--time", String.valueOf(base + 2500))).lines())
                        .as("the first offset whose timestamp is at least the one requested")
                        .containsExactly(topic + ":0:3"));

        Path offsetsFile = CompatBrokers.workDir().resolve("tools-delete-records.json");
        Files.writeString(offsetsFile, "{\"version\":1,\"partitions\":[{\"topic\":\"" + topic
                + "\",\"partition\":0,\"offset\":4}]}");
        Matrix.tool("DeleteRecordsCommand", "--offset-json-file moves the log start offset", () -> {
            String output = runOk(DELETE_RECORDS_COMMAND, "--bootstrap-server", tributary.bootstrapServers(),
                    "--command-config", commandConfig("delete-records"), "--offset-json-file", offsetsFile.toString());
            assertThat(output).contains("partition: " + topic + "-0\tlow_watermark: 4");
            assertThat(runOk(GET_OFFSET_SHELL, concat(shell, "--time", "-2")).lines())
                    .containsExactly(topic + ":0:4", topic + ":1:0");
        });
    }

    @Test
    void brokerApiVersionsCommandPrintsRanges() throws Exception {
        Matrix.tool("BrokerApiVersionsCommand", "prints the advertised version ranges", () -> {
            String output = runOk(API_VERSIONS_COMMAND, "--bootstrap-server", tributary.bootstrapServers(),
                    "--command-config", commandConfig("api-versions"));
            for (ApiKey key : ApiKey.values()) {
                VersionRange range = ApiVersionTable.advertised(key);
                String versions = range.min() == range.max() ? String.valueOf(range.max())
                        : range.min() + " to " + range.max();
                assertThat(output).contains("(" + key.id() + "): " + versions + " [usable: " + range.max() + "]");
            }
        });
    }

    @Test
    void verifiableProducerAndConsumerAgree() throws Exception {
        String topic = "tools-verifiable";
        int messages = 100_000;
        KafkaTools.createTopic(tributary, topic, 3, Map.of());
        Map<Integer, List<Long>> acknowledged = new TreeMap<>();
        Matrix.tool("VerifiableProducer", "100,000 messages with --acks -1 are all acknowledged", () -> {
            String output = runOk(VERIFIABLE_PRODUCER, "--bootstrap-server", tributary.bootstrapServers(),
                    "--command-config", commandConfig("verifiable-producer"), "--topic", topic,
                    "--max-messages", String.valueOf(messages), "--acks", "-1");
            Matcher matcher = Pattern.compile("\"name\":\"producer_send_success\".*\"value\":\"(\\d+)\""
                    + ".*\"offset\":(\\d+).*\"partition\":(\\d+)").matcher(output);
            while (matcher.find()) {
                acknowledged.computeIfAbsent(Integer.parseInt(matcher.group(3)), p -> new ArrayList<>())
                        .add(Long.parseLong(matcher.group(1)));
            }
            assertThat(acknowledged.values().stream().mapToInt(List::size).sum()).isEqualTo(messages);
            assertThat(output).contains("\"acked\":" + messages);
        });
        Matrix.tool("VerifiableConsumer", "a group consumes every acknowledged value exactly once", () -> {
            String output = runOk(VERIFIABLE_CONSUMER, "--bootstrap-server", tributary.bootstrapServers(),
                    "--command-config", commandConfig("verifiable-consumer"), "--topic", topic,
                    "--group-id", "tools-verifiable-group", "--group-protocol", "classic",
                    "--max-messages", String.valueOf(messages), "--verbose");
            Map<Integer, List<Long>> consumed = new TreeMap<>();
            Matcher matcher = Pattern.compile("\"name\":\"record_data\".*\"value\":\"(\\d+)\""
                    + ".*\"partition\":(\\d+)").matcher(output);
            while (matcher.find()) {
                consumed.computeIfAbsent(Integer.parseInt(matcher.group(2)), p -> new ArrayList<>())
                        .add(Long.parseLong(matcher.group(1)));
            }
            assertThat(consumed).as("values consumed per partition, in the order read")
                    .isEqualTo(acknowledged);
            assertThat(output).contains("\"name\":\"offsets_committed\"");
        });
    }

    @Test
    void clientCompatibilityTestSucceeds() throws Exception {
        String topic = "tools-client-compatibility";
        // The tool produces to the topic without creating it, and creates a topic named "newtopic" itself.
        KafkaTools.createTopic(tributary, topic, 1, Map.of());
        KafkaTools.deleteTopicIfExists(tributary, "newtopic");
        Matrix.tool("ClientCompatibilityTest", "exits 0 with every feature expected", () -> {
            KafkaRefTool.Output output = KafkaTools.run(CLIENT_COMPATIBILITY_TEST,
                    "--bootstrap-server", tributary.bootstrapServers(), "--topic", topic,
                    "--offsets-for-times-supported", "true", "--cluster-id-supported", "true",
                    "--expect-record-too-large-exception", "false", "--num-cluster-nodes", "1",
                    "--create-topics-supported", "true", "--describe-acls-supported", "true",
                    "--describe-configs-supported", "true", "--idempotent-producer-supported", "true");
            assertThat(output.exitCode()).as(output.describe()).isZero();
            assertThat(output.stdout()).contains("SUCCESS.");
        });
    }

    /** Runs {@code --describe --offsets} and returns {@code current/logEnd/lag} by partition. */
    private static Map<Integer, String> describeOffsets(String[] server, String group) {
        String output = runOk(GROUP_COMMAND, concat(server, "--describe", "--offsets", "--group", group));
        Map<Integer, String> rows = new HashMap<>();
        Matcher matcher = GROUP_ROW.matcher(output);
        while (matcher.find()) {
            if (matcher.group(1).equals(group)) {
                rows.put(Integer.parseInt(matcher.group(3)),
                        matcher.group(4) + "/" + matcher.group(5) + "/" + matcher.group(6));
            }
        }
        return rows;
    }

    private Map<Integer, Long> committedOffsets(String group) throws Exception {
        Map<Integer, Long> offsets = new HashMap<>();
        try (Admin admin = admin(tributary)) {
            admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                    .forEach((partition, offset) -> offsets.put(partition.partition(), offset.offset()));
        }
        return offsets;
    }

    private String topicConfig(String topic, String name) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = admin(tributary)) {
            Config config = admin.describeConfigs(List.of(resource)).all().get().get(resource);
            ConfigEntry entry = config.get(name);
            return entry == null ? null : entry.value();
        }
    }

    private static String[] concat(String[] first, String... rest) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }
}
