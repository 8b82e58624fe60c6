package io.tributary.cli;

import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import picocli.CommandLine.Option;

/** Options shared by the commands that act as Kafka clients. */
final class ClientOptions {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:9092",
            description = "Broker to connect to (default ${DEFAULT-VALUE}).")
    String bootstrapServer;

    @Option(names = "--timeout-ms", paramLabel = "MS", defaultValue = "30000",
            description = "Time in milliseconds to wait for the broker before giving up (default ${DEFAULT-VALUE}).")
    int timeoutMs;

    /** Returns client properties with the bootstrap server and timeouts set. */
    Properties properties() {
        Properties properties = new Properties();
        properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServer);
        properties.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, Math.min(timeoutMs, 30000));
        properties.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs);
        return properties;
    }
}
