package io.tributary.protocol.message;

import java.util.List;
import java.util.UUID;

/**
 * Fetch request, including the fetch-session fields of KIP-227 (v7+). A full fetch has
 * {@code sessionEpoch} 0 (create a session) or -1 (no session); an incremental fetch names its session.
 */
public record FetchRequest(int replicaId, int maxWaitMs, int minBytes, int maxBytes, byte isolationLevel,
                           int sessionId, int sessionEpoch, List<FetchTopic> topics,
                           List<ForgottenTopic> forgottenTopics, String rackId) implements ApiRequest {

    /** Topics by name before v13, by id from v13 on. */
    public record FetchTopic(String name, UUID topicId, List<FetchPartition> partitions) {
    }

    public record FetchPartition(int partition, int currentLeaderEpoch, long fetchOffset, int lastFetchedEpoch,
                                 long logStartOffset, int partitionMaxBytes) {
    }

    public record ForgottenTopic(String name, UUID topicId, List<Integer> partitions) {
    }
}
