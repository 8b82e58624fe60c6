package io.tributary.broker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicConfigsTest {

    private final TopicConfigs configs = new TopicConfigs(Map.of("log.segment.bytes", "2097152"));

    @Test
    void overrideWinsOverBrokerValueWhichWinsOverDefault() throws InvalidConfigException {
        TopicConfig resolved = configs.resolve(configs.validateOverrides(Map.of("max.message.bytes", "500")));

        assertThat(resolved.maxMessageBytes()).isEqualTo(500);
        assertThat(resolved.value("segment.bytes")).isEqualTo("2097152");
        assertThat(resolved.value("retention.ms")).isEqualTo("604800000");
    }

    @Test
    void sourcesDistinguishTopicBrokerAndDefault() throws InvalidConfigException {
        TopicConfig resolved = configs.resolve(configs.validateOverrides(Map.of("max.message.bytes", "500")));

        assertThat(resolved.source(TopicConfigs.definition("max.message.bytes").orElseThrow(), configs))
                .isEqualTo(ConfigSource.DYNAMIC_TOPIC);
        assertThat(resolved.source(TopicConfigs.definition("segment.bytes").orElseThrow(), configs))
                .isEqualTo(ConfigSource.STATIC_BROKER);
        assertThat(resolved.source(TopicConfigs.definition("segment.ms").orElseThrow(), configs))
                .isEqualTo(ConfigSource.DEFAULT);
    }

    @Test
    void outOfRangeValueIsRejectedWithValueAndRange() {
        assertThatThrownBy(() -> configs.validateOverrides(Map.of("segment.bytes", "100")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("100")
                .hasMessageContaining("segment.bytes")
                .hasMessageContaining("[1048576, 2147483647]");
    }

    @Test
    void segmentBytesMinimumIsOneMebibyte() throws InvalidConfigException {
        assertThat(configs.validateOverrides(Map.of("segment.bytes", "1048576")))
                .containsEntry("segment.bytes", "1048576");
        assertThatThrownBy(() -> configs.validateOverrides(Map.of("segment.bytes", "1048575")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("1048575");
    }

    @Test
    void brokerSegmentBytesBelowOneMebibyteIsRejected() {
        assertThatThrownBy(() -> new TopicConfigs(Map.of("log.segment.bytes", "1024")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("log.segment.bytes")
                .hasMessageContaining("[1048576, 2147483647]");
    }

    @Test
    void nonNumericValueIsRejected() {
        assertThatThrownBy(() -> configs.validateOverrides(Map.of("retention.ms", "soon")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("soon");
    }

    @Test
    void unknownKeyIsRejected() {
        assertThatThrownBy(() -> configs.validateOverrides(Map.of("compression.typo", "lz4")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("compression.typo");
    }

    @Test
    void replicationSettingsAreAccepted() throws Exception {
        Map<String, String> canonical = configs.validateOverrides(
                Map.of("min.insync.replicas", "2", "unclean.leader.election.enable", "TRUE"));

        assertThat(canonical).containsEntry("min.insync.replicas", "2");
        assertThat(canonical).containsEntry("unclean.leader.election.enable", "true");
    }

    @Test
    void minInsyncReplicasBelowOneIsRejected() {
        assertThatThrownBy(() -> configs.validateOverrides(Map.of("min.insync.replicas", "0")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("[1, 2147483647]");
    }

    @Test
    void nonBooleanUncleanElectionIsRejected() {
        assertThatThrownBy(() -> configs.validateOverrides(Map.of("unclean.leader.election.enable", "maybe")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("one of true, false");
    }

    @Test
    void compactCleanupPolicyIsRejected() {
        assertThatThrownBy(() -> configs.validateOverrides(Map.of("cleanup.policy", "compact")))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("one of delete");
    }

    @Test
    void timestampTypeAcceptsOnlyKnownValues() throws InvalidConfigException {
        assertThat(configs.resolve(configs.validateOverrides(Map.of("message.timestamp.type", "LogAppendTime")))
                .logAppendTime()).isTrue();
        assertThatThrownBy(() -> configs.validateOverrides(Map.of("message.timestamp.type", "BrokerTime")))
                .isInstanceOf(InvalidConfigException.class);
    }

    @Test
    void nullValueMeansDefault() throws InvalidConfigException {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("retention.ms", null);

        assertThat(configs.validateOverrides(overrides)).isEmpty();
    }

    @Test
    void invalidBrokerDefaultNamesBrokerKey() {
        assertThatThrownBy(() -> new TopicConfigs(Map.of("log.roll.ms", "0")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("log.roll.ms");
        assertThatThrownBy(() -> new TopicConfigs(Map.of("log.unknown", "1")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("log.unknown");
    }

    @Test
    void changesApplyInOrder() throws InvalidConfigException {
        Map<String, String> result = configs.applyChanges(Map.of("retention.ms", "1000", "flush.ms", "5"), List.of(
                new ConfigChange("max.message.bytes", ConfigChange.Operation.SET, " 2000 "),
                new ConfigChange("retention.ms", ConfigChange.Operation.DELETE, null)));

        assertThat(result).containsOnly(Map.entry("flush.ms", "5"), Map.entry("max.message.bytes", "2000"));
    }

    @Test
    void appendStartsFromEffectiveValue() throws InvalidConfigException {
        Map<String, String> result = configs.applyChanges(Map.of(), List.of(
                new ConfigChange("cleanup.policy", ConfigChange.Operation.APPEND, "delete")));

        assertThat(result).containsOnly(Map.entry("cleanup.policy", "delete"));
    }

    @Test
    void subtractOfLastElementIsRejected() {
        assertThatThrownBy(() -> configs.applyChanges(Map.of("cleanup.policy", "delete"), List.of(
                new ConfigChange("cleanup.policy", ConfigChange.Operation.SUBTRACT, "delete"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("cleanup.policy");
    }

    @Test
    void appendToNumberIsRejected() {
        assertThatThrownBy(() -> configs.applyChanges(Map.of(), List.of(
                new ConfigChange("segment.ms", ConfigChange.Operation.APPEND, "5"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Can't APPEND to key segment.ms because its type is not LIST.");
    }

    @Test
    void setOfUnknownKeyIsRejected() {
        assertThatThrownBy(() -> configs.applyChanges(Map.of(), List.of(
                new ConfigChange("foo.bar", ConfigChange.Operation.SET, "1"))))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessage("Unknown topic config name: foo.bar");
    }
}
