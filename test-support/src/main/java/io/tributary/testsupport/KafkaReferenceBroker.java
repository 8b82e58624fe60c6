package io.tributary.testsupport;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Apache Kafka 4.4 broker started through {@code kafka-ref/broker start DIR PORT} on 127.0.0.1, for
 * tests that compare Tributary's responses with Kafka's. The script fetches the Kafka jars with Maven on
 * first use, formats {@code DIR} and returns once the port accepts connections. The broker's controller
 * listens on {@code PORT + 1}, so {@link #start} picks a port whose successor is free as well.
 *
 * <p>Not thread-safe. {@link #close()} stops the broker through {@code kafka-ref/broker stop} and may be
 * called after a failed start, because the script writes the pid file before it waits for the port.
 */
public final class KafkaReferenceBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaReferenceBroker.class);

    /** Heap of the Kafka JVM, which is enough for a single idle broker, and modest on a shared test machine. */
    private static final String JAVA_OPTS = "-Xms128m -Xmx512m";

    private final Path script;
    private final Path dir;
    private final int port;

    private KafkaReferenceBroker(Path script, Path dir, int port) {
        this.script = script;
        this.dir = dir;
        this.port = port;
    }

    /**
     * Starts a Kafka broker with its configuration, data and log in {@code dir}.
     *
     * @param repositoryRoot the folder that contains {@code kafka-ref/}
     * @param dir            an empty folder for the broker
     * @param timeout        the bound on fetching the jars, formatting and starting together
     * @throws IOException when the script fails or does not finish within {@code timeout}; the message
     *                     contains the end of the script's output
     */
    public static KafkaReferenceBroker start(Path repositoryRoot, Path dir, Duration timeout)
            throws IOException, InterruptedException {
        return start(repositoryRoot, dir, timeout, Map.of());
    }

    /**
     * Starts a Kafka broker as {@link #start(Path, Path, Duration)} does, with {@code settings} added to
     * its {@code server.properties}, for example {@code auto.create.topics.enable=false}.
     */
    public static KafkaReferenceBroker start(Path repositoryRoot, Path dir, Duration timeout,
            Map<String, String> settings) throws IOException, InterruptedException {
        Path script = repositoryRoot.resolve("kafka-ref").resolve("broker");
        if (!Files.isExecutable(script)) {
            throw new IOException("kafka-ref/broker script is missing or not executable: " + script);
        }
        KafkaReferenceBroker broker = new KafkaReferenceBroker(script, dir, freePortPair());
        List<String> arguments = new ArrayList<>(List.of("start", dir.toString(), Integer.toString(broker.port)));
        settings.forEach((key, value) -> arguments.add(key + "=" + value));
        broker.runScript(timeout, arguments.toArray(String[]::new));
        LOG.info("[KafkaReferenceBroker] Kafka listens on 127.0.0.1:{} with data in {}", broker.port, dir);
        return broker;
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Stops the broker. The script sends SIGTERM and, after 30 s, SIGKILL. */
    @Override
    public void close() throws IOException, InterruptedException {
        if (Files.exists(dir.resolve("kafka.pid"))) {
            runScript(Duration.ofSeconds(60), "stop", dir.toString());
        }
    }

    private void runScript(Duration timeout, String... arguments) throws IOException, InterruptedException {
        Path output = dir.resolveSibling(dir.getFileName() + "-broker-" + arguments[0] + ".log");
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().put("KAFKA_REF_JAVA_OPTS", JAVA_OPTS);
        Process process = builder.start();

        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            // Kill the script and whatever it runs (Maven or the formatting tool), but not the broker it
            // may already have started, whose pid file close() uses.
            process.descendants().filter(child -> !isBroker(child)).forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IOException("kafka-ref/broker " + String.join(" ", arguments) + " did not finish within "
                    + timeout + ":\n" + tail(output));
        }
        if (process.exitValue() != 0) {
            throw new IOException("kafka-ref/broker " + String.join(" ", arguments) + " failed with exit code "
                    + process.exitValue() + ":\n" + tail(output));
        }
    }

    private boolean isBroker(ProcessHandle child) {
        return child.info().arguments()
                .map(arguments -> List.of(arguments).contains("kafka.Kafka"))
                .orElse(false);
    }

    private static String tail(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    /** Returns a port of 127.0.0.1 that is free, and whose successor is free, when this method returns. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket first = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                int port = first.getLocalPort();
                if (port < 65535 && isFree(port + 1)) {
                    return port;
                }
            }
        }
        throw new IOException("no two adjacent free ports found on 127.0.0.1 in 20 attempts");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException inUse) {
            return false;
        }
    }
}
