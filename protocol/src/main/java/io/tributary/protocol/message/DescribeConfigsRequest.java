package io.tributary.protocol.message;

import java.util.List;

/** DescribeConfigs request; a null key list means every setting of the resource. */
public record DescribeConfigsRequest(List<Resource> resources, boolean includeSynonyms, boolean includeDocumentation)
        implements ApiRequest {

    /** Resource types as on the wire: 2 = topic, 4 = broker, 8 = broker logger. */
    public record Resource(byte resourceType, String resourceName, List<String> configurationKeys) {
    }

    public static final byte RESOURCE_TOPIC = 2;
    public static final byte RESOURCE_BROKER = 4;
    public static final byte RESOURCE_BROKER_LOGGER = 8;
}
