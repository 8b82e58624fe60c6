package io.tributary.protocol.message;

import java.util.List;

/**
 * ListGroups request. The filters are empty for versions that cannot carry them: states from v4, types
 * from v5. An empty filter matches every group.
 */
public record ListGroupsRequest(List<String> statesFilter, List<String> typesFilter) implements ApiRequest {
}
