package io.tributary.broker.topic;

import static io.tributary.protocol.message.IncrementalAlterConfigsRequest.OP_APPEND;
import static io.tributary.protocol.message.IncrementalAlterConfigsRequest.OP_DELETE;
import static io.tributary.protocol.message.IncrementalAlterConfigsRequest.OP_SET;
import static io.tributary.protocol.message.IncrementalAlterConfigsRequest.OP_SUBTRACT;
import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.support.BrokerHarness;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.AlterConfigsRequest;
import io.tributary.protocol.message.AlterConfigsResponse;
import io.tributary.protocol.message.DescribeConfigsRequest;
import io.tributary.protocol.message.DescribeConfigsResponse;
import io.tributary.protocol.message.IncrementalAlterConfigsRequest;
import io.tributary.protocol.message.IncrementalAlterConfigsRequest.Change;
import io.tributary.protocol.message.IncrementalAlterConfigsResponse;
import io.tributary.protocol.message.ProduceResponse;
import io.tributary.storage.Log;
import io.tributary.storage.TimestampType;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlterConfigsHandlerTest {

    private static final byte TOPIC = DescribeConfigsRequest.RESOURCE_TOPIC;
    private static final byte BROKER = DescribeConfigsRequest.RESOURCE_BROKER;

    @TempDir
    Path dataDir;

    private BrokerHarness harness;

    @BeforeEach
    void start() throws IOException {
        harness = new BrokerHarness(dataDir);
        harness.createTopic("orders", 2, Map.of("retention.ms", "1000"));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void setIsReportedAsDynamicTopicConfig() {
        AlterConfigsResponse.Result result = incremental(TOPIC, "orders", new Change("max.message.bytes", OP_SET, "2000"));

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.errorMessage()).isNull();
        DescribeConfigsResponse.ConfigEntry entry = describe("orders", "max.message.bytes");
        assertThat(entry.value()).isEqualTo("2000");
        assertThat(entry.source()).isEqualTo(DescribeConfigsResponse.SOURCE_DYNAMIC_TOPIC);
        assertThat(entry.readOnly()).isFalse();
        assertThat(describe("orders", "retention.ms").value()).isEqualTo("1000");
    }

    @Test
    void deleteRestoresBrokerValue() {
        AlterConfigsResponse.Result result = incremental(TOPIC, "orders", new Change("retention.ms", OP_DELETE, null));

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        DescribeConfigsResponse.ConfigEntry entry = describe("orders", "retention.ms");
        assertThat(entry.value()).isEqualTo("604800000");
        assertThat(entry.source()).isEqualTo(DescribeConfigsResponse.SOURCE_DEFAULT);
    }

    @Test
    void deleteOfUnknownKeyIsIgnored() {
        assertThat(incremental(TOPIC, "orders", new Change("no.such.key", OP_DELETE, null)).error())
                .isEqualTo(ErrorCode.NONE);
    }

    @Test
    void valueOutOfRangeIsInvalidConfig() {
        AlterConfigsResponse.Result result = incremental(TOPIC, "orders", new Change("segment.bytes", OP_SET, "100"));

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(result.errorMessage()).contains("100").contains("segment.bytes").contains("[1048576, 2147483647]");
        assertThat(describe("orders", "segment.bytes").source()).isEqualTo(DescribeConfigsResponse.SOURCE_DEFAULT);
    }

    @Test
    void failedChangeLeavesOtherChangesUnapplied() {
        AlterConfigsResponse.Result result = incremental(TOPIC, "orders",
                new Change("max.message.bytes", OP_SET, "2000"), new Change("flush.messages", OP_SET, "0"));

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(describe("orders", "max.message.bytes").value()).isEqualTo("1048588");
    }

    @Test
    void unknownKeyIsInvalidConfig() {
        AlterConfigsResponse.Result result = incremental(TOPIC, "orders", new Change("foo.bar", OP_SET, "1"));

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(result.errorMessage()).isEqualTo("Unknown topic config name: foo.bar");
    }

    @Test
    void appendToNonListIsInvalidConfig() {
        AlterConfigsResponse.Result result = incremental(TOPIC, "orders",
                new Change("max.message.bytes", OP_APPEND, "5"));

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(result.errorMessage()).isEqualTo("Can't APPEND to key max.message.bytes because its type is not LIST.");
    }

    @Test
    void appendOfPresentElementKeepsList() {
        AlterConfigsResponse.Result result = incremental(TOPIC, "orders", new Change("cleanup.policy", OP_APPEND, "delete"));

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        DescribeConfigsResponse.ConfigEntry entry = describe("orders", "cleanup.policy");
        assertThat(entry.value()).isEqualTo("delete");
        assertThat(entry.source()).isEqualTo(DescribeConfigsResponse.SOURCE_DYNAMIC_TOPIC);
    }

    @Test
    void appendOfUnsupportedPolicyIsInvalidConfig() {
        AlterConfigsResponse.Result result = incremental(TOPIC, "orders",
                new Change("cleanup.policy", OP_APPEND, "compact"));

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(result.errorMessage()).contains("compact").contains("one of delete");
    }

    @Test
    void subtractToEmptyListIsInvalidConfig() {
        AlterConfigsResponse.Result result = incremental(TOPIC, "orders",
                new Change("cleanup.policy", OP_SUBTRACT, "delete"));

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(result.errorMessage()).contains("cleanup.policy");
    }

    @Test
    void validateOnlyChangesNothing() {
        AlterConfigsResponse.Result result = only(harness.<IncrementalAlterConfigsResponse>send(
                ApiKey.INCREMENTAL_ALTER_CONFIGS, 1, new IncrementalAlterConfigsRequest(List.of(
                        new IncrementalAlterConfigsRequest.Resource(TOPIC, "orders",
                                List.of(new Change("max.message.bytes", OP_SET, "2000")))), true)).results());

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(describe("orders", "max.message.bytes").value()).isEqualTo("1048588");
    }

    @Test
    void validateOnlyStillReportsInvalidValue() {
        AlterConfigsResponse.Result result = only(harness.<IncrementalAlterConfigsResponse>send(
                ApiKey.INCREMENTAL_ALTER_CONFIGS, 1, new IncrementalAlterConfigsRequest(List.of(
                        new IncrementalAlterConfigsRequest.Resource(TOPIC, "orders",
                                List.of(new Change("max.message.bytes", OP_SET, "-1")))), true)).results());

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_CONFIG);
    }

    @Test
    void unknownTopicIsReported() {
        AlterConfigsResponse.Result result = incremental(TOPIC, "missing", new Change("max.message.bytes", OP_SET, "2000"));

        assertThat(result.error()).isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
        assertThat(result.errorMessage()).isEqualTo("The topic 'missing' does not exist.");
    }

    @Test
    void illegalTopicNameIsReported() {
        assertThat(incremental(TOPIC, "bad/name", new Change("max.message.bytes", OP_SET, "2000")).error())
                .isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
    }

    @Test
    void emptyTopicNameIsInvalidRequest() {
        assertThat(incremental(TOPIC, "", new Change("max.message.bytes", OP_SET, "2000")).error())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void duplicateKeysAreInvalidRequest() {
        AlterConfigsResponse.Result result = incremental(TOPIC, "orders",
                new Change("retention.ms", OP_SET, "5"), new Change("retention.ms", OP_SET, "6"));

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(result.errorMessage()).isEqualTo("Error due to duplicate config keys");
    }

    @Test
    void nullValueOfSetIsInvalidRequest() {
        AlterConfigsResponse.Result result = incremental(TOPIC, "orders", new Change("retention.ms", OP_SET, null));

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(result.errorMessage()).contains("retention.ms");
    }

    @Test
    void unknownOperationIsInvalidRequest() {
        assertThat(incremental(TOPIC, "orders", new Change("retention.ms", (byte) 9, "5")).error())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void duplicateResourcesAreInvalidRequest() {
        IncrementalAlterConfigsRequest.Resource resource = new IncrementalAlterConfigsRequest.Resource(TOPIC, "orders",
                List.of(new Change("retention.ms", OP_SET, "5")));
        IncrementalAlterConfigsResponse response = harness.send(ApiKey.INCREMENTAL_ALTER_CONFIGS, 1,
                new IncrementalAlterConfigsRequest(List.of(resource, resource), false));

        assertThat(response.results()).extracting(AlterConfigsResponse.Result::error)
                .containsExactly(ErrorCode.INVALID_REQUEST, ErrorCode.INVALID_REQUEST);
        assertThat(describe("orders", "retention.ms").value()).isEqualTo("1000");
    }

    @Test
    void brokerSettingIsInvalidRequest() {
        AlterConfigsResponse.Result result = incremental(BROKER, "1", new Change("log.retention.ms", OP_SET, "5"));

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(result.errorMessage()).startsWith("Cannot update these configs dynamically: [log.retention.ms]");
    }

    @Test
    void otherBrokerIdIsInvalidRequest() {
        AlterConfigsResponse.Result result = incremental(BROKER, "7", new Change("log.retention.ms", OP_SET, "5"));

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(result.errorMessage()).isEqualTo("Unexpected broker id, expected 1, but received 7");
    }

    @Test
    void brokerWithoutChangesSucceeds() {
        assertThat(incremental(BROKER, "1").error()).isEqualTo(ErrorCode.NONE);
    }

    @Test
    void brokerLoggerIsInvalidRequest() {
        assertThat(incremental(DescribeConfigsRequest.RESOURCE_BROKER_LOGGER, "1",
                new Change("root", OP_SET, "DEBUG")).error()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void unknownResourceTypeIsInvalidRequest() {
        assertThat(incremental((byte) 32, "group-a", new Change("consumer.session.timeout.ms", OP_SET, "5000"))
                .error()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void alterConfigsReplacesEveryOverride() {
        AlterConfigsResponse.Result result = legacy(TOPIC, "orders", new AlterConfigsRequest.Setting("max.message.bytes",
                "2000"));

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(describe("orders", "max.message.bytes").value()).isEqualTo("2000");
        assertThat(describe("orders", "retention.ms").source()).isEqualTo(DescribeConfigsResponse.SOURCE_DEFAULT);
    }

    @Test
    void alterConfigsRejectsUnknownKey() {
        AlterConfigsResponse.Result result = legacy(TOPIC, "orders", new AlterConfigsRequest.Setting("foo.bar", "1"));

        assertThat(result.error()).isEqualTo(ErrorCode.INVALID_CONFIG);
        assertThat(describe("orders", "retention.ms").value()).isEqualTo("1000");
    }

    @Test
    void alterConfigsRejectsNullValue() {
        assertThat(legacy(TOPIC, "orders", new AlterConfigsRequest.Setting("retention.ms", null)).error())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void alterConfigsOfUnknownTopicIsReported() {
        assertThat(legacy(TOPIC, "missing", new AlterConfigsRequest.Setting("retention.ms", "5")).error())
                .isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void alterConfigsOfBrokerIsInvalidRequest() {
        assertThat(legacy(BROKER, "1", new AlterConfigsRequest.Setting("log.dirs", "/x")).error())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void changeAppliesToPartitionLogs() {
        incremental(TOPIC, "orders", new Change("segment.bytes", OP_SET, "2097152"),
                new Change("message.timestamp.type", OP_SET, "LogAppendTime"),
                new Change("flush.messages", OP_SET, "10"));

        for (int partition = 0; partition < 2; partition++) {
            Log log = harness.broker().logManager().log("orders", partition).orElseThrow();
            assertThat(log.config().segmentBytes()).isEqualTo(2_097_152);
            assertThat(log.config().timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
            assertThat(log.config().flushMessages()).isEqualTo(10);
        }
    }

    @Test
    void lowerMaxMessageBytesRejectsLargerBatch() {
        incremental(TOPIC, "orders", new Change("max.message.bytes", OP_SET, "100"));

        ProduceResponse.PartitionResponse response = harness.produce("orders", 0, "x".repeat(200));

        assertThat(response.error()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
    }

    @Test
    void changeSurvivesRestart() throws IOException {
        incremental(TOPIC, "orders", new Change("max.message.bytes", OP_SET, "2000"),
                new Change("retention.ms", OP_DELETE, null));

        harness.restart();

        assertThat(describe("orders", "max.message.bytes").value()).isEqualTo("2000");
        assertThat(describe("orders", "max.message.bytes").source()).isEqualTo(DescribeConfigsResponse.SOURCE_DYNAMIC_TOPIC);
        assertThat(describe("orders", "retention.ms").source()).isEqualTo(DescribeConfigsResponse.SOURCE_DEFAULT);
    }

    @Test
    void restartAppliesChangeToPartitionLogs() throws IOException {
        incremental(TOPIC, "orders", new Change("segment.bytes", OP_SET, "2097152"));

        harness.restart();

        assertThat(harness.broker().logManager().log("orders", 1).orElseThrow().config().segmentBytes())
                .isEqualTo(2_097_152);
    }

    private AlterConfigsResponse.Result incremental(byte type, String name, Change... changes) {
        IncrementalAlterConfigsResponse response = harness.send(ApiKey.INCREMENTAL_ALTER_CONFIGS, 1,
                new IncrementalAlterConfigsRequest(List.of(new IncrementalAlterConfigsRequest.Resource(type, name,
                        List.of(changes))), false));
        return only(response.results());
    }

    private AlterConfigsResponse.Result legacy(byte type, String name, AlterConfigsRequest.Setting... settings) {
        AlterConfigsResponse response = harness.send(ApiKey.ALTER_CONFIGS, 2, new AlterConfigsRequest(List.of(
                new AlterConfigsRequest.Resource(type, name, List.of(settings))), false));
        return only(response.results());
    }

    private static AlterConfigsResponse.Result only(List<AlterConfigsResponse.Result> results) {
        assertThat(results).hasSize(1);
        return results.get(0);
    }

    private DescribeConfigsResponse.ConfigEntry describe(String topic, String key) {
        DescribeConfigsResponse response = harness.send(ApiKey.DESCRIBE_CONFIGS, 4, new DescribeConfigsRequest(
                List.of(new DescribeConfigsRequest.Resource(TOPIC, topic, List.of(key))), false, false));
        return response.results().get(0).configs().get(0);
    }
}
