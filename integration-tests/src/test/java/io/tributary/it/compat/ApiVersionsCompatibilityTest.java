package io.tributary.it.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.compat.ApiVersionsDocument.UnknownVersionResponse;
import io.tributary.it.compat.ApiVersionsProbe.ProbeResponse;
import io.tributary.it.support.TestBroker;
import io.tributary.protocol.ApiKey;
import io.tributary.testsupport.KafkaReferenceBroker;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compares Tributary's ApiVersions responses with those of a real Apache Kafka 4.4 broker started through
 * {@code kafka-ref/broker}, and keeps docs/api-versions.md equal to the page generated from them.
 *
 * <p>The first run on a machine fetches the Kafka jars with Maven (kafka-ref/run does so when
 * kafka-ref/lib is empty), so start-up is bounded at {@link #KAFKA_START_TIMEOUT}.
 */
class ApiVersionsCompatibilityTest {

    private static final Duration KAFKA_START_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration KAFKA_READY_TIMEOUT = Duration.ofSeconds(60);
    private static final short PROBE_VERSION = 3;
    /** A version of ApiVersions that neither broker supports. */
    private static final short UNKNOWN_VERSION = 127;

    @TempDir
    static Path workDir;

    private static Path repositoryRoot;
    private static KafkaReferenceBroker kafka;
    private static TestBroker tributary;

    @BeforeAll
    static void startBrokers() throws Exception {
        repositoryRoot = Path.of(System.getProperty("user.dir")).resolve("..").toAbsolutePath().normalize();
        tributary = TestBroker.start(workDir.resolve("tributary"));
        kafka = KafkaReferenceBroker.start(repositoryRoot, workDir.resolve("kafka"), KAFKA_START_TIMEOUT);
        awaitKafkaReady();
    }

    @AfterAll
    static void stopBrokers() throws Exception {
        try {
            if (kafka != null) {
                kafka.close();
            }
        } finally {
            if (tributary != null) {
                tributary.close();
            }
        }
    }

    @Test
    void advertisedRangesEqualKafka() throws Exception {
        Map<Short, ApiVersion> kafkaApis = byKey(ApiVersionsProbe.send(kafka.port(), PROBE_VERSION, 1));
        Map<Short, ApiVersion> tributaryApis = byKey(ApiVersionsProbe.send(tributary.port(), PROBE_VERSION, 1));

        assertThat(tributaryApis).as("APIs Tributary advertises").isNotEmpty();
        for (ApiVersion advertised : tributaryApis.values()) {
            ApiVersion reference = kafkaApis.get(advertised.apiKey());
            assertThat(reference).as("Kafka's entry for api key %d", advertised.apiKey()).isNotNull();
            assertThat(advertised.minVersion()).as("min version of api key %d", advertised.apiKey())
                    .isEqualTo(reference.minVersion());
            assertThat(advertised.maxVersion()).as("max version of api key %d", advertised.apiKey())
                    .isEqualTo(reference.maxVersion());
        }
    }

    @Test
    void advertisesExactlyImplementedApis() throws Exception {
        ProbeResponse probe = ApiVersionsProbe.send(tributary.port(), PROBE_VERSION, 7);

        assertThat(probe.correlationId()).as("correlation id").isEqualTo(7);
        assertThat(probe.response().data().errorCode()).as("error code").isEqualTo(Errors.NONE.code());
        Set<Short> implemented = Arrays.stream(ApiKey.values()).map(ApiKey::id).collect(Collectors.toSet());
        assertThat(byKey(probe).keySet()).as("advertised api keys").isEqualTo(implemented);
    }

    @Test
    void unknownVersionGetsKafkaResponse() throws Exception {
        ProbeResponse kafkaResponse = ApiVersionsProbe.sendUnknownVersion(kafka.port(), UNKNOWN_VERSION, 11);
        ProbeResponse tributaryResponse = ApiVersionsProbe.sendUnknownVersion(tributary.port(), UNKNOWN_VERSION, 11);

        assertThat(kafkaResponse.response().data().errorCode()).as("Kafka's error code")
                .isEqualTo(Errors.UNSUPPORTED_VERSION.code());
        assertThat(tributaryResponse.correlationId()).as("Tributary's correlation id").isEqualTo(11);
        assertThat(tributaryResponse.response().data().errorCode()).as("Tributary's error code")
                .isEqualTo(kafkaResponse.response().data().errorCode());
        assertThat(describe(tributaryResponse)).as("Tributary's API list in the v0 response")
                .isEqualTo(describe(kafkaResponse))
                .containsOnlyKeys(ApiKey.API_VERSIONS.id());
    }

    @Test
    void apiVersionsPageIsCurrent() throws Exception {
        List<ApiVersion> kafkaApis = List.copyOf(ApiVersionsProbe.send(kafka.port(), PROBE_VERSION, 3)
                .response().data().apiKeys());
        ProbeResponse unknown = ApiVersionsProbe.sendUnknownVersion(tributary.port(), UNKNOWN_VERSION, 5);
        UnknownVersionResponse unknownResponse = new UnknownVersionResponse(unknown.response().data().errorCode(),
                List.copyOf(unknown.response().data().apiKeys()));

        String generated = ApiVersionsDocument.render(kafkaApis, UNKNOWN_VERSION, unknownResponse);
        Path generatedFile = repositoryRoot.resolve("integration-tests/target/api-versions.md");
        Files.createDirectories(generatedFile.getParent());
        Files.writeString(generatedFile, generated, StandardCharsets.UTF_8);

        Path committedFile = repositoryRoot.resolve("docs/api-versions.md");
        assertThat(committedFile).as("committed page; copy %s there", generatedFile).exists();
        assertThat(Files.readString(committedFile, StandardCharsets.UTF_8))
                .as("%s differs from the generated %s; review the change and copy the generated file",
                        committedFile, generatedFile)
                .isEqualTo(generated);
    }

    /** Waits until the reference broker has loaded its metadata and serves Metadata requests. */
    private static void awaitKafkaReady() throws Exception {
        Properties props = new Properties();
        props.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_READY_TIMEOUT.toMillis());
        try (Admin admin = Admin.create(props)) {
            assertThat(admin.describeCluster().nodes().get()).as("Kafka's brokers").hasSize(1);
        }
    }

    private static Map<Short, ApiVersion> byKey(ProbeResponse probe) {
        Map<Short, ApiVersion> versions = new TreeMap<>();
        for (ApiVersion version : probe.response().data().apiKeys()) {
            versions.put(version.apiKey(), version);
        }
        return versions;
    }

    /** Returns "min-max" per api key, so two responses compare by value with a readable failure. */
    private static Map<Short, String> describe(ProbeResponse probe) {
        Map<Short, String> ranges = new TreeMap<>();
        byKey(probe).forEach((key, version) -> ranges.put(key, version.minVersion() + "-" + version.maxVersion()));
        return ranges;
    }
}
