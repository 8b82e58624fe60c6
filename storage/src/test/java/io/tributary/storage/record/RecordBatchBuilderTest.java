package io.tributary.storage.record;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RecordBatchBuilderTest {

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void builtBatchRoundTripsThroughReader() {
        ByteBuffer batch = new RecordBatchBuilder()
                .producer(11L, (short) 2, 40)
                .add(1_000, utf8("k1"), utf8("v1"), List.of(new RecordHeader("h", utf8("x")), new RecordHeader("n", null)))
                .add(900, null, utf8("v2"))
                .add(1_500, utf8("k3"), null)
                .build();

        RecordBatchHeader header = RecordBatchHeader.parse(batch, 0);
        List<Record> records = RecordBatchReader.records(batch);

        assertThat(header.sizeInBytes()).isEqualTo(batch.remaining());
        assertThat(header.magic()).isEqualTo((byte) 2);
        assertThat(header.recordCount()).isEqualTo(3);
        assertThat(header.lastOffsetDelta()).isEqualTo(2);
        assertThat(header.baseTimestamp()).isEqualTo(1_000);
        assertThat(header.maxTimestamp()).isEqualTo(1_500);
        assertThat(header.producerId()).isEqualTo(11L);
        assertThat(header.producerEpoch()).isEqualTo((short) 2);
        assertThat(header.baseSequence()).isEqualTo(40);
        assertThat(header.lastSequence()).isEqualTo(42);
        assertThat(header.compression()).isEqualTo(CompressionType.NONE);
        assertThat(header.crc()).isEqualTo(RecordBatchHeader.computeCrc(batch, 0, batch.remaining()));

        assertThat(records).extracting(Record::offset).containsExactly(0L, 1L, 2L);
        assertThat(records).extracting(Record::timestamp).containsExactly(1_000L, 900L, 1_500L);
        assertThat(records.get(0).key()).isEqualTo(utf8("k1"));
        assertThat(records.get(0).headers()).hasSize(2);
        assertThat(records.get(0).headers().get(0).key()).isEqualTo("h");
        assertThat(records.get(0).headers().get(0).value()).isEqualTo(utf8("x"));
        assertThat(records.get(0).headers().get(1).value()).isNull();
        assertThat(records.get(1).key()).isNull();
        assertThat(records.get(2).value()).isNull();
    }

    @Test
    void batchWithoutProducerHasNoProducerFields() {
        RecordBatchHeader header = RecordBatchHeader.parse(new RecordBatchBuilder().add(1, "k", "v").build(), 0);

        assertThat(header.producerId()).isEqualTo(-1L);
        assertThat(header.producerEpoch()).isEqualTo((short) -1);
        assertThat(header.baseSequence()).isEqualTo(-1);
        assertThat(header.hasProducerId()).isFalse();
    }

    @Test
    void largeValuesAndNegativeDeltasUseVarints() {
        byte[] value = new byte[70_000];
        ByteBuffer batch = new RecordBatchBuilder().add(5_000_000_000L, null, value).add(-3, null, new byte[0]).build();

        List<Record> records = RecordBatchReader.records(batch);

        assertThat(records.get(0).value()).hasSize(70_000);
        assertThat(records.get(1).timestamp()).isEqualTo(-3);
    }

    @Test
    void emptyBuilderCannotBuild() {
        assertThatThrownBy(() -> new RecordBatchBuilder().build()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void readerSplitsConcatenatedBatchesAndRejectsTruncation() {
        ByteBuffer first = new RecordBatchBuilder().add(1, "a", "1").build();
        ByteBuffer second = new RecordBatchBuilder().add(2, "b", "2").add(3, "c", "3").build();
        ByteBuffer both = RecordBatchBuilder.concat(first, second);

        assertThat(RecordBatchReader.batches(both)).hasSize(2);
        assertThatThrownBy(() -> RecordBatchReader.batches(both.duplicate().limit(both.limit() - 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readerRejectsMalformedRecordLength() {
        ByteBuffer batch = new RecordBatchBuilder().add(1, "a", "1").build();
        batch.put(RecordBatchHeader.HEADER_SIZE, (byte) 0x7E);

        assertThatThrownBy(() -> RecordBatchReader.records(batch)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void sequenceIncrementWrapsAtIntMax() {
        assertThat(RecordBatchHeader.incrementSequence(Integer.MAX_VALUE, 1)).isZero();
        assertThat(RecordBatchHeader.incrementSequence(Integer.MAX_VALUE - 1, 3)).isEqualTo(1);
        assertThat(RecordBatchHeader.incrementSequence(5, 2)).isEqualTo(7);
    }
}
