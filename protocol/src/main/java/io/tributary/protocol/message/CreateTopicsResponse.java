package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;
import java.util.UUID;

/** CreateTopics response; from v5 on a created topic reports its partitions, factor and configs. */
public record CreateTopicsResponse(int throttleTimeMs, List<Result> topics) implements ApiResponse {

    public record Result(String name, UUID topicId, ErrorCode error, String errorMessage, int numPartitions,
                         short replicationFactor, List<DescribeConfigsResponse.ConfigEntry> configs) {
    }
}
