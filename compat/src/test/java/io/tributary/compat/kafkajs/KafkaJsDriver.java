package io.tributary.compat.kafkajs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tributary.compat.support.CompatBrokers;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code compat/kafkajs/driver.js} with Node as a subprocess, one KafkaJS operation per process. The
 * driver prints one JSON object per line: progress lines carry {@code event}, the last line carries
 * {@code result} or {@code error}. Its standard error goes to a log file under {@code target/compat/}.
 *
 * <p>When {@code compat/kafkajs/node_modules} is missing, the first use runs {@code npm ci} (output in
 * {@code target/compat/kafkajs-npm-ci.log}). The native codec addons need a C++17 compiler flag to build
 * against Node 20's headers, so {@code CXXFLAGS=-std=c++17} is set for that run.
 */
final class KafkaJsDriver {

    static final ObjectMapper JSON = new ObjectMapper();

    private static final Duration NPM_CI_TIMEOUT = Duration.ofMinutes(10);

    private KafkaJsDriver() {
    }

    /** Returns the folder with package.json, package-lock.json and driver.js. */
    static Path directory() {
        return CompatBrokers.repositoryRoot().resolve("compat").resolve("kafkajs");
    }

    /**
     * Installs the locked packages with {@code npm ci} unless {@code node_modules} exists.
     *
     * @throws IllegalStateException when npm fails or times out; its output is in the log file
     */
    static synchronized void ensureInstalled() throws IOException, InterruptedException {
        if (Files.isDirectory(directory().resolve("node_modules"))) {
            return;
        }
        Path log = logDir().resolve("kafkajs-npm-ci.log");
        ProcessBuilder builder = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund")
                .directory(directory().toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("CXXFLAGS", "-std=c++17");
        Process process = builder.start();
        if (!process.waitFor(NPM_CI_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new IllegalStateException("npm ci did not finish within " + NPM_CI_TIMEOUT + "; see " + log);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("npm ci failed with exit code " + process.exitValue() + "; see " + log);
        }
    }

    /** Runs {@code command} with {@code arguments} and returns its last line, waiting at most {@code timeout}. */
    static JsonNode run(String command, Map<String, Object> arguments, Duration timeout) throws Exception {
        try (Running running = start(command, arguments)) {
            return running.awaitResult(timeout);
        }
    }

    /** Starts {@code command} so that the caller can act on its progress lines before its result. */
    static Running start(String command, Map<String, Object> arguments) throws IOException, InterruptedException {
        ensureInstalled();
        Path stderr = logDir().resolve("kafkajs-driver.log");
        ProcessBuilder builder = new ProcessBuilder("node", "driver.js", command, JSON.writeValueAsString(arguments))
                .directory(directory().toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(stderr.toFile()));
        return new Running(command, builder.start());
    }

    private static Path logDir() throws IOException {
        Path dir = Path.of(System.getProperty("tributary.compat.reportDir", "target/compat"));
        Files.createDirectories(dir);
        return dir;
    }

    /** A driver process; closing it kills the process if it still runs. */
    static final class Running implements AutoCloseable {

        private static final JsonNode END_OF_OUTPUT = JSON.createObjectNode();

        private final String command;
        private final Process process;
        private final BlockingQueue<JsonNode> lines = new LinkedBlockingQueue<>();

        private Running(String command, Process process) {
            this.command = command;
            this.process = process;
            Thread reader = new Thread(this::readLines, "kafkajs-driver-" + command);
            reader.setDaemon(true);
            reader.start();
        }

        private void readLines() {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    lines.add(JSON.readTree(line));
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the output of driver.js " + command, e);
            } finally {
                lines.add(END_OF_OUTPUT);
            }
        }

        /** Waits up to {@code timeout} in all for the progress line whose {@code event} is {@code event}. */
        JsonNode awaitEvent(String event, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            JsonNode line = next(deadline, timeout);
            while (!line.path("event").asText().equals(event)) {
                if (line.has("result") || line.has("error")) {
                    throw new AssertionError("driver.js " + command + " ended before event " + event + ": " + line);
                }
                line = next(deadline, timeout);
            }
            return line;
        }

        /** Waits up to {@code timeout} in all for the last line, the one with {@code result} or {@code error}. */
        JsonNode awaitResult(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            JsonNode line = next(deadline, timeout);
            while (!line.has("result") && !line.has("error")) {
                line = next(deadline, timeout);
            }
            return line;
        }

        private JsonNode next(long deadline, Duration timeout) throws InterruptedException {
            long remaining = Math.max(0, deadline - System.nanoTime());
            JsonNode line = lines.poll(remaining, TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("driver.js " + command + " printed nothing within " + timeout);
            }
            if (line == END_OF_OUTPUT) {
                throw new AssertionError("driver.js " + command + " exited without a result line; see "
                        + "target/compat/kafkajs-driver.log");
            }
            return line;
        }

        @Override
        public void close() throws InterruptedException {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    /** Builds one entry of the driver's {@code messages} argument; either value may be null. */
    static Map<String, Object> message(String key, String value) {
        Map<String, Object> message = new HashMap<>();
        message.put("key", key);
        message.put("value", value);
        return message;
    }

    /** Returns the record values of a consume result, in the order KafkaJS delivered them. */
    static List<String> values(JsonNode result) {
        List<String> values = new ArrayList<>();
        result.path("result").path("records").forEach(record -> values.add(record.path("value").asText()));
        return values;
    }
}
