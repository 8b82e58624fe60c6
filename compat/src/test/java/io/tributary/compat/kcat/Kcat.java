package io.tributary.compat.kcat;

import io.tributary.compat.support.Client;
import io.tributary.compat.support.CompatBrokers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the {@code kcat} command (librdkafka) as a subprocess against one broker, with standard input read
 * from a file and both output streams written to files. Every run sends a client id that starts with
 * {@link Client#KCAT}'s prefix, so Tributary's request log separates its requests from other clients'.
 */
final class Kcat implements AutoCloseable {

    /** A delivery report line, printed by kcat at verbosity 2 ({@code -vv}). */
    private static final Pattern DELIVERED = Pattern.compile(
            "^% Message delivered to partition (\\d+) \\(offset (\\d+)\\)", Pattern.MULTILINE);

    /** The broker id that librdkafka appends to some errors, which may differ between Kafka and Tributary. */
    private static final Pattern BROKER_SUFFIX = Pattern.compile(" \\(broker \\d+\\)");

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final String description;

    private Kcat(Process process, Path stdout, Path stderr, String description) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.description = description;
    }

    /** What a finished run left behind. */
    record Output(int exitCode, String stdout, String stderr) {

        /** Returns the partition and offset of each delivery report, in the order kcat printed them. */
        List<Delivery> deliveries() {
            List<Delivery> deliveries = new ArrayList<>();
            Matcher matcher = DELIVERED.matcher(stderr);
            while (matcher.find()) {
                deliveries.add(new Delivery(Integer.parseInt(matcher.group(1)), Long.parseLong(matcher.group(2))));
            }
            return deliveries;
        }

        /** Returns the records kcat printed with {@code -J}, one JSON object a line. */
        List<KcatRecord> records() {
            return stdout.lines().filter(line -> line.startsWith("{")).map(KcatRecord::parse).toList();
        }

        /**
         * Returns the distinct error lines kcat printed ({@code % ERROR: ...} and {@code % Delivery failed ...}),
         * sorted and joined by {@code " / "}, without the broker id. Sorting keeps the text independent of the
         * order in which librdkafka reported them, so it serves as the outcome of compared scenarios.
         */
        String errors() {
            Set<String> errors = new TreeSet<>();
            for (String line : stderr.split("\n")) {
                if (line.startsWith("% ERROR") || line.startsWith("% Delivery failed")) {
                    errors.add(BROKER_SUFFIX.matcher(line.substring(2)).replaceAll(""));
                }
            }
            return String.join(" / ", errors);
        }

        String describe() {
            return "exit code " + exitCode + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
        }
    }

    /** The partition and offset librdkafka reported for a produced message. */
    record Delivery(int partition, long offset) {
    }

    /**
     * Runs kcat to completion.
     *
     * @param clientId the client id, which must start with {@code compat-kcat}
     * @throws IllegalStateException when kcat does not finish within {@code timeout}, after killing it
     */
    static Output run(CompatBrokers.Target target, String clientId, Duration timeout, String input,
            String... arguments) {
        try (Kcat kcat = start(target, clientId, input, arguments)) {
            return kcat.waitFor(timeout);
        }
    }

    /** Starts kcat in the background. {@link #close()} kills it when it still runs. */
    static Kcat start(CompatBrokers.Target target, String clientId, String input, String... arguments) {
        if (!clientId.startsWith(Client.KCAT.clientIdPrefix())) {
            throw new IllegalArgumentException("client id " + clientId + " does not start with "
                    + Client.KCAT.clientIdPrefix());
        }
        List<String> command = new ArrayList<>(List.of("kcat", "-b", target.bootstrapServers(),
                "-X", "client.id=" + clientId));
        command.addAll(List.of(arguments));
        String description = String.join(" ", command);
        try {
            Path dir = Files.createTempDirectory(CompatBrokers.workDir(), "kcat-");
            Path stdin = Files.writeString(dir.resolve("stdin"), input);
            Path stdout = dir.resolve("stdout");
            Path stderr = dir.resolve("stderr");
            Process process = new ProcessBuilder(command)
                    .redirectInput(stdin.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile())
                    .start();
            return new Kcat(process, stdout, stderr, description);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + description, e);
        }
    }

    /**
     * Waits up to {@code timeout} for what kcat printed so far to satisfy {@code condition}.
     *
     * @return whether it did, which is false also when kcat exited first without satisfying it
     */
    boolean awaitOutput(Duration timeout, Predicate<Output> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            boolean exited = !process.isAlive();
            if (condition.test(snapshot())) {
                return true;
            }
            if (exited) {
                return false;
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        return false;
    }

    /**
     * Waits for kcat to exit.
     *
     * @throws IllegalStateException when it does not exit within {@code timeout}, after killing it
     */
    Output waitFor(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                kill();
                throw new IllegalStateException(description + " did not finish within " + timeout + ":\n"
                        + snapshot().describe());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + description, e);
        }
        return snapshot();
    }

    /** Waits up to {@code timeout} for kcat to exit and returns whether it did. */
    boolean exitsWithin(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Returns the output so far, with exit code -1 while kcat runs. */
    Output snapshot() {
        int exitCode = process.isAlive() ? -1 : process.exitValue();
        try {
            return new Output(exitCode, Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the output of " + description, e);
        }
    }

    private void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
