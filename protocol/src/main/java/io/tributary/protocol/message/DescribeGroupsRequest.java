package io.tributary.protocol.message;

import java.util.List;

/** DescribeGroups request; {@code includeAuthorizedOperations} exists from v3 on. */
public record DescribeGroupsRequest(List<String> groupIds, boolean includeAuthorizedOperations)
        implements ApiRequest {
}
