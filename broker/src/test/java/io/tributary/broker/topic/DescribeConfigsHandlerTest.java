package io.tributary.broker.topic;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.support.BrokerHarness;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.DescribeConfigsRequest;
import io.tributary.protocol.message.DescribeConfigsResponse;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DescribeConfigsHandlerTest {

    @TempDir
    Path dataDir;

    private BrokerHarness harness;

    @BeforeEach
    void start() throws IOException {
        harness = new BrokerHarness(BrokerHarness.defaultConfig(dataDir)
                .withLogDefaults(Map.of("log.segment.bytes", "2097152")));
        harness.createTopic("orders", 1, Map.of("retention.ms", "1000"));
    }

    @AfterEach
    void stop() {
        harness.close();
    }

    @Test
    void topicReportsEveryImplementedSettingWithSource() {
        DescribeConfigsResponse.Result result = describe(DescribeConfigsRequest.RESOURCE_TOPIC, "orders", null, false);

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(result.configs()).hasSize(15);
        assertThat(entry(result, "retention.ms").value()).isEqualTo("1000");
        assertThat(entry(result, "retention.ms").source()).isEqualTo(DescribeConfigsResponse.SOURCE_DYNAMIC_TOPIC);
        assertThat(entry(result, "segment.bytes").value()).isEqualTo("2097152");
        assertThat(entry(result, "segment.bytes").source()).isEqualTo(DescribeConfigsResponse.SOURCE_STATIC_BROKER);
        assertThat(entry(result, "flush.messages").value()).isEqualTo("1");
        assertThat(entry(result, "flush.messages").source()).isEqualTo(DescribeConfigsResponse.SOURCE_DEFAULT);
    }

    @Test
    void synonymsListOverrideBrokerValueAndDefault() {
        DescribeConfigsResponse.Result result = describe(DescribeConfigsRequest.RESOURCE_TOPIC, "orders",
                List.of("segment.bytes"), true);

        DescribeConfigsResponse.ConfigEntry segmentBytes = entry(result, "segment.bytes");
        assertThat(segmentBytes.synonyms()).extracting(DescribeConfigsResponse.Synonym::name)
                .containsExactly("log.segment.bytes", "log.segment.bytes");
        assertThat(segmentBytes.synonyms()).extracting(DescribeConfigsResponse.Synonym::source)
                .containsExactly(DescribeConfigsResponse.SOURCE_STATIC_BROKER, DescribeConfigsResponse.SOURCE_DEFAULT);
    }

    @Test
    void requestedKeysLimitTheAnswer() {
        DescribeConfigsResponse.Result result = describe(DescribeConfigsRequest.RESOURCE_TOPIC, "orders",
                List.of("retention.ms", "no.such.key"), false);

        assertThat(result.configs()).extracting(DescribeConfigsResponse.ConfigEntry::name)
                .containsExactly("retention.ms");
    }

    @Test
    void unknownTopicIsReported() {
        assertThat(describe(DescribeConfigsRequest.RESOURCE_TOPIC, "missing", null, false).error())
                .isEqualTo(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    }

    @Test
    void illegalTopicNameIsReported() {
        assertThat(describe(DescribeConfigsRequest.RESOURCE_TOPIC, "bad name", null, false).error())
                .isEqualTo(ErrorCode.INVALID_TOPIC_EXCEPTION);
    }

    @Test
    void brokerReportsItsSettings() {
        DescribeConfigsResponse.Result result = describe(DescribeConfigsRequest.RESOURCE_BROKER, "1", null, false);

        assertThat(result.error()).isEqualTo(ErrorCode.NONE);
        assertThat(entry(result, "log.segment.bytes").value()).isEqualTo("2097152");
        assertThat(entry(result, "log.segment.bytes").source()).isEqualTo(DescribeConfigsResponse.SOURCE_STATIC_BROKER);
        assertThat(entry(result, "message.max.bytes").source()).isEqualTo(DescribeConfigsResponse.SOURCE_DEFAULT);
        assertThat(entry(result, "num.partitions").value()).isEqualTo("1");
    }

    @Test
    void otherBrokerIdIsRejected() {
        assertThat(describe(DescribeConfigsRequest.RESOURCE_BROKER, "2", null, false).error())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void brokerLoggerIsRejected() {
        assertThat(describe(DescribeConfigsRequest.RESOURCE_BROKER_LOGGER, "1", null, false).error())
                .isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void documentationOnlyWhenRequested() {
        DescribeConfigsResponse response = harness.send(ApiKey.DESCRIBE_CONFIGS, 4, new DescribeConfigsRequest(
                List.of(new DescribeConfigsRequest.Resource(DescribeConfigsRequest.RESOURCE_TOPIC, "orders",
                        List.of("retention.ms"))), false, true));

        assertThat(response.results().get(0).configs().get(0).documentation()).isNotBlank();
        assertThat(describe(DescribeConfigsRequest.RESOURCE_TOPIC, "orders", List.of("retention.ms"), false)
                .configs().get(0).documentation()).isNull();
    }

    private DescribeConfigsResponse.Result describe(byte type, String name, List<String> keys, boolean synonyms) {
        DescribeConfigsResponse response = harness.send(ApiKey.DESCRIBE_CONFIGS, 4, new DescribeConfigsRequest(
                List.of(new DescribeConfigsRequest.Resource(type, name, keys)), synonyms, false));
        return response.results().get(0);
    }

    private static DescribeConfigsResponse.ConfigEntry entry(DescribeConfigsResponse.Result result, String name) {
        return result.configs().stream().filter(entry -> entry.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("No entry " + name + " in " + result.configs()));
    }
}
