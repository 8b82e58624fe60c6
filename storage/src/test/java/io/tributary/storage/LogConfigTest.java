package io.tributary.storage;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogConfigTest {

    @Test
    void defaultsMatchKafka() {
        LogConfig config = LogConfig.defaults();

        assertThat(config.segmentBytes()).isEqualTo(1 << 30);
        assertThat(config.segmentMs()).isEqualTo(604_800_000L);
        assertThat(config.indexIntervalBytes()).isEqualTo(4096);
        assertThat(config.maxIndexBytes()).isEqualTo(10 << 20);
        assertThat(config.flushMessages()).isEqualTo(1);
        assertThat(config.flushMs()).isEqualTo(Long.MAX_VALUE);
        assertThat(config.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(config.syncEveryAppend()).isTrue();
    }

    @Test
    void invalidValueNamesKeyAndValue() {
        assertThatThrownBy(() -> LogConfig.defaults().withSegmentBytes(10))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("segment.bytes")
                .hasMessageContaining("10");
        assertThatThrownBy(() -> LogConfig.defaults().withFlushMessages(0))
                .hasMessageContaining("flush.messages");
        assertThatThrownBy(() -> LogConfig.defaults().withMaxIndexBytes(4))
                .hasMessageContaining("segment.index.bytes");
    }

    @Test
    void fromMapParsesTopicKeys() {
        LogConfig config = LogConfig.fromMap(Map.of(
                "segment.bytes", "2048",
                "segment.ms", "1000",
                "flush.messages", "100",
                "message.timestamp.type", "LogAppendTime",
                "cleanup.policy", "delete"), LogConfig.defaults());

        assertThat(config.segmentBytes()).isEqualTo(2048);
        assertThat(config.segmentMs()).isEqualTo(1000);
        assertThat(config.flushMessages()).isEqualTo(100);
        assertThat(config.timestampType()).isEqualTo(TimestampType.LOG_APPEND_TIME);
        assertThat(config.syncEveryAppend()).isFalse();
        assertThat(config.indexIntervalBytes()).isEqualTo(4096);
    }

    @Test
    void fromMapRejectsMalformedNumbers() {
        assertThatThrownBy(() -> LogConfig.fromMap(Map.of("segment.ms", "soon"), LogConfig.defaults()))
                .hasMessageContaining("segment.ms")
                .hasMessageContaining("soon");
        assertThatThrownBy(() -> LogConfig.fromMap(Map.of("segment.bytes", "4294967296"), LogConfig.defaults()))
                .hasMessageContaining("segment.bytes");
        assertThatThrownBy(() -> LogConfig.fromMap(Map.of("message.timestamp.type", "Now"), LogConfig.defaults()))
                .hasMessageContaining("message.timestamp.type");
    }
}
