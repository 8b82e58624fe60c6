package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;

/** DescribeConfigs response. */
public record DescribeConfigsResponse(int throttleTimeMs, List<Result> results) implements ApiResponse {

    public record Result(ErrorCode error, String errorMessage, byte resourceType, String resourceName,
                         List<ConfigEntry> configs) {
    }

    /**
     * One setting. {@code source} uses the wire values: 1 dynamic topic, 2 dynamic broker, 3 dynamic
     * default broker, 4 static broker, 5 default, 6 dynamic broker logger, 7 client metrics, 8 group.
     * {@code configType} uses the wire values: 1 boolean, 2 string, 3 int, 4 short, 5 long, 6 double,
     * 7 list, 8 class, 9 password.
     */
    public record ConfigEntry(String name, String value, boolean readOnly, byte source, boolean sensitive,
                              List<Synonym> synonyms, byte configType, String documentation) {
    }

    public record Synonym(String name, String value, byte source) {
    }

    public static final byte SOURCE_DYNAMIC_TOPIC = 1;
    public static final byte SOURCE_STATIC_BROKER = 4;
    public static final byte SOURCE_DEFAULT = 5;
}
