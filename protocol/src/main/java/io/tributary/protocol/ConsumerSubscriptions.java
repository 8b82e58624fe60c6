package io.tributary.protocol;

import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.internals.ConsumerProtocol;

/**
 * Reads the subscription that a member of a {@code consumer} group sends as its JoinGroup protocol
 * metadata, in the format of kafka-clients' {@code ConsumerProtocolSubscription} (versions 0-3). Stateless
 * and thread-safe.
 */
public final class ConsumerSubscriptions {

    /** The protocol type of groups whose members use the consumer protocol. */
    public static final String PROTOCOL_TYPE = ConsumerProtocol.PROTOCOL_TYPE;

    private ConsumerSubscriptions() {
    }

    /**
     * Returns the topics that the member subscribes to, or empty if {@code metadata} is not a valid
     * consumer protocol subscription.
     */
    public static Optional<Set<String>> topics(byte[] metadata) {
        if (metadata == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Set.copyOf(ConsumerProtocol.deserializeConsumerProtocolSubscription(
                    ByteBuffer.wrap(metadata)).topics()));
        } catch (RuntimeException e) {
            // Kafka's parser throws SchemaException and others for malformed input from the network.
            return Optional.empty();
        }
    }
}
