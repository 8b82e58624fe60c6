package io.tributary.protocol.message;

import java.util.List;

/** DeleteGroups request. */
public record DeleteGroupsRequest(List<String> groupIds) implements ApiRequest {
}
