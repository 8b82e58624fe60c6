package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerPartitionAssignor;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;
import org.junit.jupiter.api.Test;

class ConsumerSubscriptionsTest {

    @Test
    void topicsOfEverySubscriptionVersion() {
        ConsumerPartitionAssignor.Subscription subscription =
                new ConsumerPartitionAssignor.Subscription(List.of("orders", "payments"));
        for (short version = 0; version <= 3; version++) {
            ByteBuffer buffer = ConsumerProtocol.serializeSubscription(subscription, version);
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);

            assertThat(ConsumerSubscriptions.topics(bytes)).as("v%s", version)
                    .hasValueSatisfying(topics -> assertThat(topics).containsExactlyInAnyOrder("orders", "payments"));
        }
    }

    @Test
    void malformedMetadataHasNoTopics() {
        assertThat(ConsumerSubscriptions.topics(new byte[] {0, 1, 0, 0, 0, 9})).isEmpty();
        assertThat(ConsumerSubscriptions.topics(new byte[0])).isEmpty();
        assertThat(ConsumerSubscriptions.topics(null)).isEmpty();
    }
}
