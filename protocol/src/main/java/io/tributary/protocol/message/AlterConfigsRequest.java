package io.tributary.protocol.message;

import java.util.List;

/**
 * AlterConfigs request (deprecated by Kafka in favour of IncrementalAlterConfigs): replaces every dynamic
 * setting of each resource with the listed ones, so a setting that is not listed returns to its default.
 */
public record AlterConfigsRequest(List<Resource> resources, boolean validateOnly) implements ApiRequest {

    /** Resource types as on the wire: 2 = topic, 4 = broker. */
    public record Resource(byte resourceType, String resourceName, List<Setting> configs) {
    }

    /** One setting; the value may be null on the wire, which the broker rejects. */
    public record Setting(String name, String value) {
    }
}
