package io.tributary.broker.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The byte layouts of offset records and of the offsets checkpoint. */
class OffsetFormatTest {

    private static final OffsetKey KEY = new OffsetKey("billing", "orders", 7);
    private static final CommittedOffset VALUE = new CommittedOffset(1234L, 5, "host-a", 1_700_000_000_000L);

    @Test
    void keyLayoutMatchesDocumentation() {
        ByteBuffer key = ByteBuffer.wrap(OffsetRecordCodec.encodeKey(KEY));

        assertThat(key.getShort()).isEqualTo((short) 0);
        assertThat(key.getShort()).isEqualTo((short) 7);
        key.position(key.position() + 7);
        assertThat(key.getShort()).isEqualTo((short) 6);
        key.position(key.position() + 6);
        assertThat(key.getInt()).isEqualTo(7);
        assertThat(key.hasRemaining()).isFalse();
    }

    @Test
    void valueLayoutMatchesDocumentation() {
        ByteBuffer value = ByteBuffer.wrap(OffsetRecordCodec.encodeValue(VALUE));

        assertThat(value.getShort()).isEqualTo((short) 0);
        assertThat(value.getLong()).isEqualTo(1234L);
        assertThat(value.getInt()).isEqualTo(5);
        assertThat(value.getInt()).isEqualTo(6);
        value.position(value.position() + 6);
        assertThat(value.getLong()).isEqualTo(1_700_000_000_000L);
        assertThat(value.hasRemaining()).isFalse();
    }

    @Test
    void keyAndValueRoundTrip() {
        CommittedOffset nullMetadata = new CommittedOffset(0L, -1, null, 0L);
        CommittedOffset unicode = new CommittedOffset(9L, 0, "grüße ✓", 1L);

        assertThat(OffsetRecordCodec.decodeKey(OffsetRecordCodec.encodeKey(KEY))).isEqualTo(KEY);
        assertThat(OffsetRecordCodec.decodeValue(OffsetRecordCodec.encodeValue(VALUE))).isEqualTo(VALUE);
        assertThat(OffsetRecordCodec.decodeValue(OffsetRecordCodec.encodeValue(nullMetadata))).isEqualTo(nullMetadata);
        assertThat(OffsetRecordCodec.decodeValue(OffsetRecordCodec.encodeValue(unicode))).isEqualTo(unicode);
    }

    @Test
    void tombstoneIsNullValue() {
        assertThat(OffsetRecordCodec.encodeValue(null)).isNull();
        assertThat(OffsetRecordCodec.decodeValue(null)).isNull();
    }

    @Test
    void malformedKeysAndValuesAreRejected() {
        byte[] key = OffsetRecordCodec.encodeKey(KEY);
        byte[] value = OffsetRecordCodec.encodeValue(VALUE);
        byte[] futureVersion = key.clone();
        futureVersion[1] = 9;

        assertThatThrownBy(() -> OffsetRecordCodec.decodeKey(Arrays.copyOf(key, key.length - 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OffsetRecordCodec.decodeKey(Arrays.copyOf(key, key.length + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("trailing");
        assertThatThrownBy(() -> OffsetRecordCodec.decodeKey(futureVersion))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version 9");
        assertThatThrownBy(() -> OffsetRecordCodec.decodeValue(Arrays.copyOf(value, 5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oversizedGroupIdIsRejected() {
        OffsetKey huge = new OffsetKey("g".repeat(Short.MAX_VALUE + 1), "orders", 0);

        assertThatThrownBy(() -> OffsetRecordCodec.encodeKey(huge))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("group id");
    }

    @Test
    void checkpointRoundTrips() {
        OffsetsCheckpoint.Snapshot snapshot = new OffsetsCheckpoint.Snapshot(Map.of(0, 10L, 1, 0L, 2, 7L),
                Map.of(KEY, VALUE, new OffsetKey("other", "payments", 0), new CommittedOffset(1, -1, null, 2)));

        OffsetsCheckpoint.Snapshot decoded = OffsetsCheckpoint.decode(OffsetsCheckpoint.encode(snapshot));

        assertThat(decoded).isEqualTo(snapshot);
    }

    @Test
    void checkpointWithFlippedByteIsRejected() {
        byte[] bytes = OffsetsCheckpoint.encode(new OffsetsCheckpoint.Snapshot(Map.of(0, 10L), Map.of(KEY, VALUE)));

        for (int i = 0; i < bytes.length; i++) {
            byte[] corrupt = bytes.clone();
            corrupt[i] ^= 0x40;
            assertThatThrownBy(() -> OffsetsCheckpoint.decode(corrupt))
                    .as("flipped byte %d", i).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void truncatedCheckpointIsRejected() {
        byte[] bytes = OffsetsCheckpoint.encode(new OffsetsCheckpoint.Snapshot(Map.of(0, 10L), Map.of(KEY, VALUE)));

        for (int length = 0; length < bytes.length; length++) {
            byte[] truncated = Arrays.copyOf(bytes, length);
            assertThatThrownBy(() -> OffsetsCheckpoint.decode(truncated))
                    .as("length %d", length).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
