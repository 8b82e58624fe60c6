package io.tributary.protocol.message;

import java.util.List;
import java.util.UUID;

/**
 * OffsetCommit request. {@code generationIdOrMemberEpoch} is -1 for a commit outside the group
 * protocol (a simple consumer); topics are named by id from v10 on.
 */
public record OffsetCommitRequest(String groupId, int generationIdOrMemberEpoch, String memberId,
                                  String groupInstanceId, long retentionTimeMs, List<Topic> topics)
        implements ApiRequest {

    public record Topic(String name, UUID topicId, List<Partition> partitions) {
    }

    public record Partition(int partition, long committedOffset, int committedLeaderEpoch, String metadata) {
    }
}
