package io.tributary.compat.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class of Apache Kafka 4.4 (one of its command-line tools) through {@code kafka-ref/run}, with
 * standard output and standard error kept apart.
 */
public final class KafkaRefTool {

    private KafkaRefTool() {
    }

    /** What a finished tool left behind. */
    public record Output(int exitCode, String stdout, String stderr) {

        /** Both streams, for failure messages. */
        public String describe() {
            return "exit code " + exitCode + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
        }
    }

    /** Runs {@code className} with {@code arguments} and no input. */
    public static Output run(Duration timeout, String className, String... arguments) {
        return run(timeout, "", className, List.of(arguments));
    }

    /**
     * Runs {@code className} with {@code arguments}, writing {@code input} to its standard input.
     *
     * @throws IllegalStateException when the tool does not finish within {@code timeout}; it is killed first
     */
    public static Output run(Duration timeout, String input, String className, List<String> arguments) {
        Path script = CompatBrokers.repositoryRoot().resolve("kafka-ref").resolve("run");
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.add(className);
        command.addAll(arguments);
        try {
            Path dir = Files.createTempDirectory(CompatBrokers.workDir(), "tool-");
            Path stdin = Files.writeString(dir.resolve("stdin"), input);
            Path stdout = dir.resolve("stdout");
            Path stderr = dir.resolve("stderr");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .redirectInput(stdin.toFile())
                    .redirectOutput(stdout.toFile())
                    .redirectError(stderr.toFile());
            builder.environment().put("KAFKA_REF_JAVA_OPTS", "-Xms64m -Xmx512m");
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException(className + " did not finish within " + timeout + "; stdout:\n"
                        + Files.readString(stdout, StandardCharsets.UTF_8) + "\nstderr:\n"
                        + Files.readString(stderr, StandardCharsets.UTF_8));
            }
            return new Output(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                    Files.readString(stderr, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + className, e);
        }
    }
}
