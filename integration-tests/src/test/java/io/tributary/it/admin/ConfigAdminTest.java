package io.tributary.it.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.it.support.RawRequest;
import io.tributary.it.support.TestBroker;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.AlterConfigsOptions;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SecurityDisabledException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.message.AlterConfigsRequestData;
import org.apache.kafka.common.message.AlterConfigsResponseData;
import org.apache.kafka.common.protocol.Errors;
import org.apache.kafka.common.requests.AlterConfigsRequest;
import org.apache.kafka.common.requests.AlterConfigsResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dynamic topic configuration through kafka-clients' Admin and the AlterConfigs request, and DescribeAcls. */
class ConfigAdminTest {

    private static final ConfigResource ORDERS = new ConfigResource(ConfigResource.Type.TOPIC, "orders");

    @TempDir
    Path dataDir;

    @Test
    void setAndDeleteAreDescribed() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1)
                    .configs(Map.of("retention.ms", "3600000")))).all().get();

            admin.incrementalAlterConfigs(Map.of(ORDERS, List.of(
                    new AlterConfigOp(new ConfigEntry("max.message.bytes", "2000"), AlterConfigOp.OpType.SET),
                    new AlterConfigOp(new ConfigEntry("retention.ms", null), AlterConfigOp.OpType.DELETE))))
                    .all().get();

            ConfigEntry maxMessageBytes = describe(admin, "max.message.bytes");
            assertThat(maxMessageBytes.value()).isEqualTo("2000");
            assertThat(maxMessageBytes.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
            assertThat(maxMessageBytes.isReadOnly()).isFalse();
            ConfigEntry retention = describe(admin, "retention.ms");
            assertThat(retention.value()).isEqualTo("604800000");
            assertThat(retention.source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        }
    }

    @Test
    void invalidValueNamesTheRange() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1))).all().get();

            assertThatThrownBy(() -> alter(admin, ORDERS, "segment.bytes", "1000"))
                    .hasCauseInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("1000")
                    .hasMessageContaining("[1048576, 2147483647]");
            assertThatThrownBy(() -> alter(admin, ORDERS, "no.such.setting", "1"))
                    .hasCauseInstanceOf(InvalidConfigurationException.class)
                    .hasMessageContaining("Unknown topic config name: no.such.setting");
            assertThatThrownBy(() -> alter(admin, new ConfigResource(ConfigResource.Type.TOPIC, "missing"),
                    "max.message.bytes", "2000"))
                    .hasCauseInstanceOf(UnknownTopicOrPartitionException.class);
            assertThat(describe(admin, "segment.bytes").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        }
    }

    @Test
    void validateOnlyChangesNothing() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1))).all().get();

            admin.incrementalAlterConfigs(Map.of(ORDERS, List.of(new AlterConfigOp(
                    new ConfigEntry("max.message.bytes", "2000"), AlterConfigOp.OpType.SET))),
                    new AlterConfigsOptions().validateOnly(true)).all().get();

            assertThat(describe(admin, "max.message.bytes").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        }
    }

    @Test
    void brokerSettingIsRejected() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            ConfigResource node = new ConfigResource(ConfigResource.Type.BROKER, "1");

            assertThatThrownBy(() -> alter(admin, node, "log.retention.ms", "1000"))
                    .hasCauseInstanceOf(InvalidRequestException.class)
                    .hasMessageContaining("Cannot update these configs dynamically: [log.retention.ms]");
        }
    }

    @Test
    void lowerMaxMessageBytesRejectsLargeRecord() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin();
             KafkaProducer<String, String> producer = broker.producer()) {
            admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1))).all().get();
            String value = "x".repeat(3000);
            producer.send(new ProducerRecord<>("orders", value)).get();

            alter(admin, ORDERS, "max.message.bytes", "2000");

            assertThatThrownBy(() -> producer.send(new ProducerRecord<>("orders", value)).get())
                    .hasCauseInstanceOf(RecordTooLargeException.class);
            producer.send(new ProducerRecord<>("orders", "small")).get();
        }
    }

    @Test
    void changeSurvivesRestart() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1))).all().get();
                alter(admin, ORDERS, "max.message.bytes", "2000");
            }

            broker.restart();

            try (Admin admin = broker.admin(); KafkaProducer<String, String> producer = broker.producer()) {
                ConfigEntry entry = describe(admin, "max.message.bytes");
                assertThat(entry.value()).isEqualTo("2000");
                assertThat(entry.source()).isEqualTo(ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG);
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("orders", "x".repeat(3000))).get())
                        .hasCauseInstanceOf(RecordTooLargeException.class);
            }
        }
    }

    @Test
    void alterConfigsReplacesOverrides() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            admin.createTopics(List.of(new NewTopic("orders", 1, (short) 1)
                    .configs(Map.of("retention.ms", "3600000")))).all().get();
            AlterConfigsRequestData.AlterConfigsResource resource = new AlterConfigsRequestData.AlterConfigsResource()
                    .setResourceType(ConfigResource.Type.TOPIC.id()).setResourceName("orders");
            resource.configs().add(new AlterConfigsRequestData.AlterableConfig()
                    .setName("max.message.bytes").setValue("2000"));
            AlterConfigsRequestData data = new AlterConfigsRequestData();
            data.resources().add(resource);

            AlterConfigsResponse response = (AlterConfigsResponse) RawRequest.send(broker.port(),
                    new AlterConfigsRequest(data, (short) 2));

            AlterConfigsResponseData.AlterConfigsResourceResponse result = response.data().responses().get(0);
            assertThat(result.errorCode()).isEqualTo(Errors.NONE.code());
            assertThat(describe(admin, "max.message.bytes").value()).isEqualTo("2000");
            assertThat(describe(admin, "retention.ms").source()).isEqualTo(ConfigEntry.ConfigSource.DEFAULT_CONFIG);
        }
    }

    @Test
    void describeAclsIsSecurityDisabled() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir); Admin admin = broker.admin()) {
            assertThatThrownBy(() -> admin.describeAcls(AclBindingFilter.ANY).values().get())
                    .hasCauseInstanceOf(SecurityDisabledException.class)
                    .hasMessageContaining("No Authorizer is configured");
        }
    }

    private static void alter(Admin admin, ConfigResource resource, String key, String value)
            throws ExecutionException, InterruptedException {
        admin.incrementalAlterConfigs(Map.of(resource, List.of(
                new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET)))).all().get();
    }

    private static ConfigEntry describe(Admin admin, String key) throws ExecutionException, InterruptedException {
        return admin.describeConfigs(List.of(ORDERS)).all().get().get(ORDERS).get(key);
    }
}
