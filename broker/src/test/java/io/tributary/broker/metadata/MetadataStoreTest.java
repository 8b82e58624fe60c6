package io.tributary.broker.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataStoreTest {

    @TempDir
    Path dataDir;

    @Test
    void topicsSurviveReopen() throws IOException {
        UUID ordersId;
        try (MetadataStore store = MetadataStore.open(dataDir)) {
            ordersId = store.createTopic("orders", 3, Map.of("retention.ms", "1000")).topicId();
            UUID gone = store.createTopic("gone", 1, Map.of()).topicId();
            store.createPartitions(ordersId, 5);
            store.deleteTopic(gone);
        }

        try (MetadataStore store = MetadataStore.open(dataDir)) {
            TopicImage orders = store.image().topic("orders").orElseThrow();
            assertThat(orders.topicId()).isEqualTo(ordersId);
            assertThat(orders.partitionCount()).isEqualTo(5);
            assertThat(orders.configs()).containsEntry("retention.ms", "1000");
            assertThat(store.image().topic("gone")).isEmpty();
            assertThat(store.topicName(ordersId)).contains("orders");
        }
    }

    @Test
    void configChangeSurvivesReopen() throws IOException {
        UUID ordersId;
        try (MetadataStore store = MetadataStore.open(dataDir)) {
            ordersId = store.createTopic("orders", 2, Map.of("retention.ms", "1000")).topicId();
            TopicImage altered = store.alterTopicConfigs(ordersId, Map.of("max.message.bytes", "2000"));
            assertThat(altered.configs()).containsExactly(Map.entry("max.message.bytes", "2000"));
        }

        try (MetadataStore store = MetadataStore.open(dataDir)) {
            TopicImage orders = store.image().topic("orders").orElseThrow();
            assertThat(orders.topicId()).isEqualTo(ordersId);
            assertThat(orders.partitionCount()).isEqualTo(2);
            assertThat(orders.configs()).containsExactly(Map.entry("max.message.bytes", "2000"));
        }
    }

    @Test
    void configRecordRoundTrips() {
        MetadataRecord.TopicConfigRecord record = new MetadataRecord.TopicConfigRecord(new UUID(7L, 9L),
                Map.of("segment.bytes", "2097152", "cleanup.policy", "delete"));
        ByteBuffer entry = MetadataLog.encode(record);

        ByteBuffer payload = entry.duplicate().position(9);
        assertThat(payload.remaining()).isEqualTo(record.payloadSize());
        assertThat(MetadataRecord.read(record.type(), payload)).isEqualTo(record);
    }

    @Test
    void configChangeOfUnknownTopicIsRejected() throws IOException {
        try (MetadataStore store = MetadataStore.open(dataDir)) {
            assertThatThrownBy(() -> store.alterTopicConfigs(new UUID(1L, 2L), Map.of()))
                    .isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void recreatedTopicGetsNewId() throws IOException {
        try (MetadataStore store = MetadataStore.open(dataDir)) {
            UUID first = store.createTopic("orders", 1, Map.of()).topicId();
            store.deleteTopic(first);
            UUID second = store.createTopic("orders", 1, Map.of()).topicId();

            assertThat(second).isNotEqualTo(first);
        }
    }

    @Test
    void topicIdsAvoidDashInBase64Form() throws IOException {
        try (MetadataStore store = MetadataStore.open(dataDir)) {
            for (int i = 0; i < 50; i++) {
                UUID id = store.createTopic("topic-" + i, 1, Map.of()).topicId();
                ByteBuffer bytes = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                        .putLong(id.getLeastSignificantBits());

                assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array())).doesNotContain("-");
            }
        }
    }

    @Test
    void collidingNameIsRejected() throws IOException {
        try (MetadataStore store = MetadataStore.open(dataDir)) {
            store.createTopic("a.b", 1, Map.of());

            assertThat(store.image().collidingTopic("a_b")).contains("a.b");
            assertThatThrownBy(() -> store.createTopic("a_b", 1, Map.of())).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void producerIdBlocksAreNeverReusedAfterRestart() throws IOException {
        long first;
        try (MetadataStore store = MetadataStore.open(dataDir)) {
            first = store.allocateProducerIds(1000);
        }
        try (MetadataStore store = MetadataStore.open(dataDir)) {
            assertThat(store.allocateProducerIds(1000)).isEqualTo(first + 1000);
        }
    }

    @Test
    void obsoleteRecordsAreCompactedAtOpen() throws IOException {
        long next;
        try (MetadataStore store = MetadataStore.open(dataDir)) {
            store.createTopic("orders", 2, Map.of("retention.ms", "1000"));
            for (int i = 0; i <= MetadataStore.COMPACTION_MIN_OBSOLETE_RECORDS; i++) {
                store.allocateProducerIds(10);
            }
            next = store.image().nextProducerId();
        }
        Path file = dataDir.resolve(MetadataLog.FILE_NAME);
        long before = Files.size(file);

        try (MetadataStore store = MetadataStore.open(dataDir)) {
            assertThat(Files.size(file)).isLessThan(before);
            assertThat(store.image().nextProducerId()).isEqualTo(next);
            assertThat(store.image().topic("orders").orElseThrow().configs()).containsEntry("retention.ms", "1000");
            store.createTopic("payments", 1, Map.of());
        }
        try (MetadataStore store = MetadataStore.open(dataDir)) {
            assertThat(store.image().topics()).extracting(TopicImage::name).containsExactly("orders", "payments");
        }
    }

    @Test
    void tornTailIsTruncated() throws IOException {
        try (MetadataStore store = MetadataStore.open(dataDir)) {
            store.createTopic("orders", 1, Map.of());
        }
        Path file = dataDir.resolve(MetadataLog.FILE_NAME);
        long goodSize = Files.size(file);
        ByteBuffer entry = MetadataLog.encode(new MetadataRecord.TopicRecord(UUID.randomUUID(), "half", 1, Map.of()));
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.APPEND)) {
            channel.write(entry.limit(entry.limit() - 3));
        }

        try (MetadataStore store = MetadataStore.open(dataDir)) {
            assertThat(store.image().topic("orders")).isPresent();
            assertThat(store.image().topic("half")).isEmpty();
        }
        assertThat(Files.size(file)).isEqualTo(goodSize);
    }

    @Test
    void zeroFilledTailIsTruncated() throws IOException {
        try (MetadataStore store = MetadataStore.open(dataDir)) {
            store.createTopic("orders", 1, Map.of());
        }
        Path file = dataDir.resolve(MetadataLog.FILE_NAME);
        Files.write(file, new byte[100], StandardOpenOption.APPEND);

        try (MetadataStore store = MetadataStore.open(dataDir)) {
            assertThat(store.image().topics()).hasSize(1);
        }
    }

    @Test
    void damagedEntryBeforeTheEndFailsOpen() throws IOException {
        try (MetadataStore store = MetadataStore.open(dataDir)) {
            store.createTopic("orders", 1, Map.of());
            store.createTopic("payments", 1, Map.of());
        }
        Path file = dataDir.resolve(MetadataLog.FILE_NAME);
        byte[] bytes = Files.readAllBytes(file);
        bytes[12] ^= 0x55;
        Files.write(file, bytes);

        assertThatThrownBy(() -> MetadataStore.open(dataDir))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("position 0");
    }
}
