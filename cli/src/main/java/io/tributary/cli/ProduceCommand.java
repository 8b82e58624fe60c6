package io.tributary.cli;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code tributary produce}: sends each line of standard input as one record. */
@Command(name = "produce", mixinStandardHelpOptions = true,
        description = "Sends each line of standard input to a topic as one record, then waits for all acks.")
final class ProduceCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;
    @Mixin
    private ClientOptions client;
    @Option(names = "--topic", required = true, paramLabel = "TOPIC", description = "Topic to write to.")
    private String topic;
    @Option(names = "--key-separator", paramLabel = "TEXT",
            description = "Splits each line at the first TEXT into key and value; without it records have no key.")
    private String keySeparator;
    @Option(names = "--acks", paramLabel = "ACKS", defaultValue = "all",
            description = "Acknowledgements to wait for: 0, 1 or all (default ${DEFAULT-VALUE}).")
    private String acks;

    private static final int LINGER_MS = 5;

    @Override
    public Integer call() throws Exception {
        Properties properties = client.properties();
        properties.put(ProducerConfig.ACKS_CONFIG, acks);
        // The producer rejects a delivery timeout below linger.ms + request.timeout.ms.
        int requestTimeoutMs = (Integer) properties.get(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG);
        properties.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG,
                Math.max(client.timeoutMs, requestTimeoutMs + LINGER_MS));
        AtomicReference<Exception> failure = new AtomicReference<>();
        long sent = 0;
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(properties, new StringSerializer(),
                new StringSerializer());
             BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = input.readLine()) != null && failure.get() == null) {
                producer.send(toRecord(line), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    }
                });
                sent++;
            }
            producer.flush();
        }
        if (failure.get() != null) {
            spec.commandLine().getErr().println("produce: " + failure.get().getMessage());
            return 1;
        }
        spec.commandLine().getErr().println("Sent " + sent + " records to " + topic);
        return 0;
    }

    private ProducerRecord<String, String> toRecord(String line) {
        if (keySeparator != null) {
            int split = line.indexOf(keySeparator);
            if (split >= 0) {
                return new ProducerRecord<>(topic, line.substring(0, split),
                        line.substring(split + keySeparator.length()));
            }
        }
        return new ProducerRecord<>(topic, line);
    }
}
