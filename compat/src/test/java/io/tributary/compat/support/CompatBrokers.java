package io.tributary.compat.support;

import io.tributary.server.TributaryServer;
import io.tributary.server.config.ServerConfig;
import io.tributary.testsupport.KafkaReferenceBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The two brokers every compatibility scenario runs against: an in-process Tributary server and an Apache
 * Kafka 4.4 broker started through {@code kafka-ref/broker}. Each starts on first use and both stop when the
 * test JVM exits, so all test classes of the module share them.
 *
 * <p>Both run with {@link #SETTINGS}: automatic topic creation is off, so every scenario creates its
 * topics explicitly and the unknown-topic scenario runs against the same configuration on both sides.
 *
 * <p>Thread-safe.
 */
public final class CompatBrokers {

    /** Settings both brokers get on top of their defaults. */
    public static final Map<String, String> SETTINGS = Map.of(
            "auto.create.topics.enable", "false",
            "group.initial.rebalance.delay.ms", "0");

    private static final Logger LOG = LoggerFactory.getLogger(CompatBrokers.class);
    private static final Duration KAFKA_START_TIMEOUT = Duration.ofMinutes(5);

    private static Path workDir;
    private static TributaryServer tributaryServer;
    private static Target tributary;
    private static KafkaReferenceBroker kafkaBroker;
    private static Target kafka;

    private CompatBrokers() {
    }

    /** A broker the scenarios can reach: its display name and its bootstrap address on 127.0.0.1. */
    public record Target(String name, String bootstrapServers) {

        /** Returns the port of {@link #bootstrapServers()}. */
        public int port() {
            return Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Returns the Tributary broker, starting it on first use. */
    public static synchronized Target tributary() {
        if (tributary == null) {
            Map<String, String> settings = new HashMap<>(SETTINGS);
            settings.put("listeners", "PLAINTEXT://127.0.0.1:0");
            settings.put("log.dirs", workDir().resolve("tributary").toString());
            try {
                tributaryServer = TributaryServer.builder(ServerConfig.of(settings)).build().start();
            } catch (Exception e) {
                throw new IllegalStateException("Tributary failed to start for the compatibility suite", e);
            }
            tributary = new Target("Tributary", "127.0.0.1:" + tributaryServer.boundPort());
            LOG.info("[CompatBrokers] Tributary listens on {}", tributary.bootstrapServers());
        }
        return tributary;
    }

    /** Returns the folder Tributary keeps its logs in, starting Tributary if needed. */
    public static synchronized Path tributaryLogDir() {
        tributary();
        return workDir().resolve("tributary");
    }

    /** Returns the Kafka 4.4 reference broker, starting it (and fetching its jars) on first use. */
    public static synchronized Target kafka() {
        if (kafka == null) {
            try {
                kafkaBroker = KafkaReferenceBroker.start(repositoryRoot(), workDir().resolve("kafka"),
                        KAFKA_START_TIMEOUT, SETTINGS);
            } catch (IOException e) {
                throw new UncheckedIOException("Kafka 4.4 failed to start through kafka-ref/broker", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting Kafka 4.4", e);
            }
            kafka = new Target("Kafka 4.4", kafkaBroker.bootstrapServers());
        }
        return kafka;
    }

    /** Returns the folder that contains {@code kafka-ref/}, {@code docs/} and the modules. */
    public static Path repositoryRoot() {
        return Path.of(System.getProperty("user.dir")).resolve("..").toAbsolutePath().normalize();
    }

    /** Returns a folder under this module's {@code target/} for scenario files, creating it on first use. */
    public static synchronized Path workDir() {
        if (workDir == null) {
            try {
                Path target = Path.of(System.getProperty("user.dir"), "target");
                Files.createDirectories(target);
                workDir = Files.createTempDirectory(target, "compat-brokers-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the brokers' folder under target/", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(CompatBrokers::stopAll, "compat-brokers-stop"));
        }
        return workDir;
    }

    private static synchronized void stopAll() {
        try {
            if (tributaryServer != null) {
                tributaryServer.close();
            }
        } catch (Exception e) {
            LOG.warn("[CompatBrokers] Tributary did not stop cleanly", e);
        }
        try {
            if (kafkaBroker != null) {
                kafkaBroker.close();
            }
        } catch (Exception e) {
            LOG.warn("[CompatBrokers] Kafka did not stop cleanly", e);
        }
    }
}
