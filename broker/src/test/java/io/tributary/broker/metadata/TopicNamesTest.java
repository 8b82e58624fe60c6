package io.tributary.broker.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicNamesTest {

    @Test
    void legalNamesPass() {
        assertThat(TopicNames.invalidReason("orders.v1_eu-west")).isEmpty();
        assertThat(TopicNames.invalidReason("a".repeat(249))).isEmpty();
    }

    @Test
    void illegalNamesAreRejected() {
        assertThat(TopicNames.invalidReason("")).isPresent();
        assertThat(TopicNames.invalidReason(".")).isPresent();
        assertThat(TopicNames.invalidReason("..")).isPresent();
        assertThat(TopicNames.invalidReason("a".repeat(250))).isPresent();
        assertThat(TopicNames.invalidReason("with space")).isPresent();
        assertThat(TopicNames.invalidReason("slash/name")).isPresent();
        assertThat(TopicNames.invalidReason("ümlaut")).isPresent();
    }

    @Test
    void dotAndUnderscoreCollide() {
        assertThat(TopicNames.collide("a.b", "a_b")).isTrue();
        assertThat(TopicNames.collide("a.b", "a-b")).isFalse();
    }
}
