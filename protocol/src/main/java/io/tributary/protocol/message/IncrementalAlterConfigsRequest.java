package io.tributary.protocol.message;

import java.util.List;

/**
 * IncrementalAlterConfigs request: changes named settings of each resource and leaves the others as they are.
 * A resource's changes are applied together or not at all.
 */
public record IncrementalAlterConfigsRequest(List<Resource> resources, boolean validateOnly) implements ApiRequest {

    /** Resource types as on the wire, the same as in DescribeConfigs: 2 = topic, 4 = broker, 8 = broker logger. */
    public record Resource(byte resourceType, String resourceName, List<Change> configs) {
    }

    /**
     * One change of one setting. {@code operation} uses the wire values {@link #OP_SET}, {@link #OP_DELETE},
     * {@link #OP_APPEND} and {@link #OP_SUBTRACT}; the value is null for DELETE.
     */
    public record Change(String name, byte operation, String value) {
    }

    public static final byte OP_SET = 0;
    public static final byte OP_DELETE = 1;
    public static final byte OP_APPEND = 2;
    public static final byte OP_SUBTRACT = 3;
}
