package io.tributary.protocol.message;

import java.util.UUID;

/** Constants for topic ids, which Kafka encodes as a 128-bit UUID. */
public final class TopicIds {

    /** The all-zero id that stands for "no topic id" on the wire. */
    public static final UUID ZERO = new UUID(0L, 0L);

    private TopicIds() {
    }
}
