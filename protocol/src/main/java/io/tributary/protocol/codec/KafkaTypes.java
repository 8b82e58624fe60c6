package io.tributary.protocol.codec;

import io.tributary.protocol.ErrorCode;
import java.util.UUID;
import org.apache.kafka.common.Uuid;

/** Conversions between Kafka's value types and the JDK types used by Tributary's messages. */
final class KafkaTypes {

    private KafkaTypes() {
    }

    /** Converts a Kafka topic id; Kafka's zero id becomes the all-zero {@link UUID}. */
    static UUID toUuid(Uuid id) {
        if (id == null) {
            return new UUID(0L, 0L);
        }
        return new UUID(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    /** Converts a topic id for the wire; null becomes Kafka's zero id. */
    static Uuid toKafkaUuid(UUID id) {
        if (id == null) {
            return Uuid.ZERO_UUID;
        }
        return new Uuid(id.getMostSignificantBits(), id.getLeastSignificantBits());
    }

    static short code(ErrorCode error) {
        return error == null ? ErrorCode.NONE.code() : error.code();
    }
}
