package io.tributary.server.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.server.config.ConfigException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    @TempDir
    Path dir;

    private Path file(String content) throws IOException {
        Path file = dir.resolve("server.properties");
        Files.writeString(file, content);
        return file;
    }

    private static ConfigValue setting(LoadedConfig loaded, String name) {
        return loaded.settings().stream().filter(value -> value.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void defaultsApplyWithoutSources() {
        LoadedConfig loaded = ConfigLoader.load(null, Map.of(), Map.of());
        ServerConfig config = loaded.config();

        assertThat(config.listeners()).containsExactly(new Endpoint("PLAINTEXT", "127.0.0.1", 9092));
        assertThat(config.advertisedListeners()).isEqualTo(config.listeners());
        assertThat(config.dataDir()).isEqualTo(Path.of("./tributary-data"));
        assertThat(config.nodeId()).isEqualTo(1);
        assertThat(config.logSegmentBytes()).isEqualTo(1 << 30);
        assertThat(config.logRollTime()).isEqualTo(Duration.ofDays(7));
        assertThat(config.messageMaxBytes()).isEqualTo(1048588);
        assertThat(config.logFlushIntervalMessages()).isEqualTo(1);
        assertThat(config.timestampBeforeMax()).isEqualTo(Duration.ofMillis(Long.MAX_VALUE));
        assertThat(config.timestampAfterMax()).isEqualTo(Duration.ofHours(1));
        assertThat(setting(loaded, "node.id").source()).isEqualTo(ConfigSource.DEFAULT);
    }

    @Test
    void commandLineBeatsEnvironmentBeatsFileBeatsDefault() throws IOException {
        Path file = file("num.partitions=2\nnode.id=2\nmessage.max.bytes=2000\n");
        Map<String, String> env = Map.of("TRIBUTARY_NUM_PARTITIONS", "3", "TRIBUTARY_NODE_ID", "3", "PATH", "/bin");
        Map<String, String> flags = Map.of("num.partitions", "4");

        LoadedConfig loaded = ConfigLoader.load(file, env, flags);

        assertThat(loaded.config().numPartitions()).isEqualTo(4);
        assertThat(setting(loaded, "num.partitions").source()).isEqualTo(ConfigSource.COMMAND_LINE);
        assertThat(loaded.config().nodeId()).isEqualTo(3);
        assertThat(setting(loaded, "node.id").source()).isEqualTo(ConfigSource.ENVIRONMENT);
        assertThat(setting(loaded, "node.id").origin()).isEqualTo("TRIBUTARY_NODE_ID");
        assertThat(loaded.config().messageMaxBytes()).isEqualTo(2000);
        assertThat(setting(loaded, "message.max.bytes").source()).isEqualTo(ConfigSource.FILE);
        assertThat(setting(loaded, "message.max.bytes").origin()).isEqualTo(file.toString());
        assertThat(setting(loaded, "log.segment.bytes").source()).isEqualTo(ConfigSource.DEFAULT);
    }

    @Test
    void unknownNameSuggestsNearestValidName() {
        assertThatThrownBy(() -> ConfigLoader.fromSettings(Map.of("log.segmnt.bytes", "100")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("log.segmnt.bytes")
                .hasMessageContaining("did you mean 'log.segment.bytes'");
    }

    @Test
    void unknownEnvironmentVariableSuggestsNearestVariable() {
        assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("TRIBUTARY_NUM_PARTITION", "2"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("TRIBUTARY_NUM_PARTITION")
                .hasMessageContaining("TRIBUTARY_NUM_PARTITIONS");
    }

    @Test
    void launcherVariablesAreNotSettings() {
        LoadedConfig loaded = ConfigLoader.load(null, Map.of("TRIBUTARY_JAVA_OPTS", "-Xmx1g"), Map.of());

        assertThat(loaded.ignored()).isEmpty();
    }

    @Test
    void loggingVariablesAreNotSettings() {
        LoadedConfig loaded = ConfigLoader.load(null,
                Map.of("TRIBUTARY_LOG_LEVEL", "DEBUG", "TRIBUTARY_REQUEST_LOG_LEVEL", "DEBUG"), Map.of());

        assertThat(loaded.ignored()).isEmpty();
    }

    @Test
    void unrelatedUnknownNameGetsNoSuggestion() {
        assertThatThrownBy(() -> ConfigLoader.fromSettings(Map.of("completely.different", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("completely.different")
                .hasMessageNotContaining("did you mean");
    }

    @Test
    void valueOutOfRangeNamesValidRange() {
        assertThatThrownBy(() -> ConfigLoader.fromSettings(Map.of("num.partitions", "0")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("num.partitions")
                .hasMessageContaining("'0'")
                .hasMessageContaining("[1, 2147483647]");
    }

    @Test
    void unparsableValueNamesTypeAndRange() {
        assertThatThrownBy(() -> ConfigLoader.fromSettings(Map.of("connections.max.idle.ms", "soon")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("connections.max.idle.ms")
                .hasMessageContaining("duration in ms");
    }

    @Test
    void invalidEnumValueListsValidValues() {
        assertThatThrownBy(() -> ConfigLoader.fromSettings(Map.of("log.message.timestamp.type", "BrokerTime")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("[CreateTime, LogAppendTime]");
    }

    @Test
    void everyProblemIsReportedAtOnce() {
        Map<String, String> flags = Map.of("num.partitions", "0", "node.idd", "1");

        assertThatThrownBy(() -> ConfigLoader.fromSettings(flags))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("num.partitions")
                .hasMessageContaining("node.idd");
    }

    @Test
    void sizesAndDurationsAcceptUnits() {
        ServerConfig config = ServerConfig.of(Map.of("log.segment.bytes", "64MiB", "log.roll.ms", "2h",
                "connections.max.idle.ms", "30s"));

        assertThat(config.logSegmentBytes()).isEqualTo(64 << 20);
        assertThat(config.logRollTime()).isEqualTo(Duration.ofHours(2));
        assertThat(config.connectionsMaxIdle()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void segmentBytesBelowOneMebibyteIsRejected() {
        Map<String, String> flags = Map.of("log.segment.bytes", "1048575", "message.max.bytes", "1000");

        assertThatThrownBy(() -> ServerConfig.of(flags))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("log.segment.bytes")
                .hasMessageContaining("'1048575'")
                .hasMessageContaining("[1048576, 2147483647]");
        assertThat(ServerConfig.of(Map.of("log.segment.bytes", "1048576", "message.max.bytes", "1000"))
                .logSegmentBytes()).isEqualTo(1 << 20);
    }

    @Test
    void segmentBytesRangeStartsAtMessageMaxBytes() {
        assertThatThrownBy(() -> ServerConfig.of(Map.of("log.segment.bytes", "10")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("'10'")
                .hasMessageContaining("[1048588, 2147483647]")
                .hasMessageContaining("message.max.bytes (1048588)");
        assertThat(ServerConfig.of(Map.of("log.segment.bytes", "1048588")).logSegmentBytes()).isEqualTo(1048588);
    }

    @Test
    void segmentBytesBelowMessageMaxBytesIsRejected() {
        Map<String, String> flags = Map.of("log.segment.bytes", "2MiB", "message.max.bytes", "3MiB");

        assertThatThrownBy(() -> ServerConfig.of(flags))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("log.segment.bytes")
                .hasMessageContaining("[3145728, 2147483647]");
    }

    @Test
    void dataDirFlagIsItsOwnOrigin() {
        LoadedConfig loaded = ConfigLoader.load(null, Map.of(), Map.of("log.dirs", "/from-set", "node.id", "2"),
                Path.of("/from-flag"));

        assertThat(loaded.config().dataDir()).isEqualTo(Path.of("/from-flag"));
        assertThat(setting(loaded, "log.dirs").source()).isEqualTo(ConfigSource.COMMAND_LINE);
        assertThat(setting(loaded, "log.dirs").origin()).isEqualTo("--data-dir");
        assertThat(setting(loaded, "node.id").origin()).isEqualTo("--set");
    }

    @Test
    void rollHoursApplyWhenRollMsIsUnset() {
        assertThat(ServerConfig.of(Map.of("log.roll.hours", "3")).logRollTime()).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void minSessionTimeoutAboveMaxIsRejected() {
        Map<String, String> flags = Map.of("group.min.session.timeout.ms", "9000",
                "group.max.session.timeout.ms", "8000");

        assertThatThrownBy(() -> ServerConfig.of(flags))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("group.min.session.timeout.ms");
    }

    @Test
    void severalDataDirectoriesAreRejected() {
        assertThatThrownBy(() -> ServerConfig.of(Map.of("log.dirs", "/a,/b")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("one data directory");
    }

    @Test
    void logDirAppliesWhenLogDirsIsUnset() {
        assertThat(ServerConfig.of(Map.of("log.dir", "/data/x")).dataDir()).isEqualTo(Path.of("/data/x"));
        assertThat(ServerConfig.of(Map.of("log.dir", "/data/x", "log.dirs", "/data/y")).dataDir())
                .isEqualTo(Path.of("/data/y"));
    }

    @Test
    void secureListenerIsRejected() {
        assertThatThrownBy(() -> ServerConfig.of(Map.of("listeners", "SSL://127.0.0.1:9093")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("PLAINTEXT");
    }

    @Test
    void malformedListenerIsRejected() {
        assertThatThrownBy(() -> ServerConfig.of(Map.of("listeners", "127.0.0.1:9092")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("NAME://host:port");
    }

    @Test
    void kafkaStockServerPropertiesStartsWithIgnoredSettings() throws URISyntaxException {
        Path stock = Path.of(getClass().getResource("/kafka-server.properties").toURI());

        LoadedConfig loaded = ConfigLoader.load(stock, Map.of(), Map.of());

        assertThat(loaded.config().listeners()).containsExactly(new Endpoint("PLAINTEXT", "", 9092));
        assertThat(loaded.config().advertisedListeners())
                .containsExactly(new Endpoint("PLAINTEXT", "localhost", 9092));
        assertThat(loaded.config().dataDir()).isEqualTo(Path.of("/tmp/kraft-combined-logs"));
        List<String> ignored = loaded.ignored().stream().map(ConfigValue::name).toList();
        assertThat(ignored).contains("process.roles", "controller.quorum.bootstrap.servers",
                "inter.broker.listener.name", "num.recovery.threads.per.data.dir", "log.retention.hours",
                "log.retention.check.interval.ms", "offsets.topic.replication.factor");
        assertThat(ignored).doesNotContain("listeners", "log.dirs", "num.partitions");
    }

    @Test
    void zookeeperSettingsAreIgnored() {
        LoadedConfig loaded = ConfigLoader.fromSettings(Map.of("zookeeper.connect", "localhost:2181"));

        assertThat(loaded.ignored()).extracting(ConfigValue::name).containsExactly("zookeeper.connect");
    }

    @Test
    void missingConfigFileFailsWithItsPath() {
        Path missing = dir.resolve("missing.properties");

        assertThatThrownBy(() -> ConfigLoader.load(missing, Map.of(), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void environmentVariableNameUsesUnderscores() {
        assertThat(ConfigLoader.environmentVariable("log.flush.interval.messages"))
                .isEqualTo("TRIBUTARY_LOG_FLUSH_INTERVAL_MESSAGES");
    }
}
