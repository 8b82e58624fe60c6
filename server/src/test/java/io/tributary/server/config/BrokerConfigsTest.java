package io.tributary.server.config;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BrokerConfigsTest {

    @Test
    void everyDefaultParsesBackToItself() {
        for (ConfigDef<?> def : BrokerConfigs.ALL.values()) {
            String printed = def.printDefault();
            if (printed != null) {
                assertThat(def.parse(printed)).as(def.name()).isEqualTo(def.defaultValue());
            }
        }
    }

    @Test
    void noImplementedSettingIsAlsoIgnored() {
        for (String name : BrokerConfigs.ALL.keySet()) {
            assertThat(IgnoredKafkaConfigs.isIgnored(name)).as(name).isFalse();
        }
    }

    @Test
    void everySettingIsDocumented() {
        for (ConfigDef<?> def : BrokerConfigs.ALL.values()) {
            assertThat(def.documentation()).as(def.name()).isNotBlank();
        }
    }
}
