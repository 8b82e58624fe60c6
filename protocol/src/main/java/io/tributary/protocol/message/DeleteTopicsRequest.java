package io.tributary.protocol.message;

import java.util.List;

/** DeleteTopics request; before v6 topics are named only, from v6 by name or by id. */
public record DeleteTopicsRequest(List<MetadataRequest.TopicRef> topics, int timeoutMs) implements ApiRequest {
}
