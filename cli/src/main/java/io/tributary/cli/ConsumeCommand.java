package io.tributary.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tributary consume}: prints the records of a topic, one value per line. */
@Command(name = "consume", mixinStandardHelpOptions = true,
        description = "Prints the records of a topic, one value per line, until --max-messages or --idle-ms.")
final class ConsumeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Mixin
    private ClientOptions client;
    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Topic to read.")
    private String topic;
    @Option(names = "--group", paramLabel = "GROUP",
            description = "Consumer group; offsets are committed. Without it the command reads without a group.")
    private String group;
    @Option(names = "--from-beginning",
            description = "Starts at the earliest offset when there is no committed offset "
                    + "(default: the latest).")
    private boolean fromBeginning;
    @Option(names = "--max-messages", paramLabel = "N", defaultValue = "-1",
            description = "Stops after N records; -1 for no limit (default ${DEFAULT-VALUE}).")
    private long maxMessages;
    @Option(names = "--idle-ms", paramLabel = "MS", defaultValue = "-1",
            description = "Stops after MS milliseconds without a record; -1 waits forever (default ${DEFAULT-VALUE}).")
    private long idleMs;
    @Option(names = "--print-key", description = "Prints KEY<TAB>VALUE instead of the value alone.")
    private boolean printKey;

    @Override
    public Integer call() {
        Properties properties = client.properties();
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest");
        if (group != null) {
            properties.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        } else {
            properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        }
        PrintWriter out = spec.commandLine().getOut();
        Map<TopicPartition, OffsetAndMetadata> printed = new HashMap<>();
        long received = 0;
        long lastRecordNanos = System.nanoTime();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
                new StringDeserializer())) {
            if (group != null) {
                consumer.subscribe(List.of(topic));
            } else {
                assignAll(consumer);
            }
            while (maxMessages < 0 || received < maxMessages) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    out.println(printKey ? record.key() + "\t" + record.value() : record.value());
                    printed.put(new TopicPartition(record.topic(), record.partition()),
                            new OffsetAndMetadata(record.offset() + 1));
                    lastRecordNanos = System.nanoTime();
                    if (++received == maxMessages) {
                        break;
                    }
                }
                out.flush();
                if (idleMs >= 0 && System.nanoTime() - lastRecordNanos > idleMs * 1_000_000) {
                    break;
                }
            }
            if (group != null && !printed.isEmpty()) {
                consumer.commitSync(printed);
            }
        }
        return 0;
    }

    /** Reads every partition of the topic without a group, from the start or the end. */
    private void assignAll(KafkaConsumer<String, String> consumer) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .toList();
        consumer.assign(partitions);
        if (fromBeginning) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
        }
    }
}
