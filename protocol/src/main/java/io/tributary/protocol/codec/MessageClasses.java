package io.tributary.protocol.codec;

import io.tributary.protocol.ApiKey;
import org.apache.kafka.common.message.ApiMessageType;

/**
 * Loads Kafka's generated message classes ahead of the first request. The first request otherwise pays
 * for initializing the schemas of every request and response type, several hundred classes, which takes a
 * tenth of a second or more on a cold JVM. Thread-safe; repeated calls cost nothing.
 */
public final class MessageClasses {

    private MessageClasses() {
    }

    /** Initializes the request and response schemas of every API that Tributary implements. */
    public static void load() {
        for (ApiKey key : ApiKey.values()) {
            ApiMessageType type = ApiMessageType.fromApiKey(key.id());
            type.requestSchemas();
            type.responseSchemas();
        }
    }
}
