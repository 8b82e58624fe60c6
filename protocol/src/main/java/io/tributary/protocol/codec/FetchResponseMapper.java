package io.tributary.protocol.codec;

import static io.tributary.protocol.codec.KafkaTypes.code;
import static io.tributary.protocol.codec.KafkaTypes.toKafkaUuid;

import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.OffsetFetchResponse;
import io.tributary.protocol.message.RecordsPayload;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.message.FetchResponseData;
import org.apache.kafka.common.message.OffsetFetchResponseData;
import org.apache.kafka.common.record.internal.BaseRecords;
import org.apache.kafka.common.record.internal.MemoryRecords;

/**
 * Maps the Fetch and OffsetFetch responses, whose layout changes most across versions. Fetch names
 * topics by id from v13 on. OffsetFetch returns one group at top level before v8 and a list of
 * groups from v8 on. Stateless and thread-safe.
 */
final class FetchResponseMapper {

    private FetchResponseMapper() {
    }

    static FetchResponseData fetch(FetchResponse response, short version) {
        FetchResponseData data = new FetchResponseData().setThrottleTimeMs(response.throttleTimeMs());
        if (version >= 7) {
            data.setErrorCode(code(response.error())).setSessionId(response.sessionId());
        }
        for (FetchResponse.FetchableTopic topic : response.topics()) {
            FetchResponseData.FetchableTopicResponse topicData = new FetchResponseData.FetchableTopicResponse();
            if (version >= 13) {
                topicData.setTopicId(toKafkaUuid(topic.topicId()));
            } else {
                topicData.setTopic(topic.name());
            }
            for (FetchResponse.PartitionData p : topic.partitions()) {
                FetchResponseData.PartitionData partition = new FetchResponseData.PartitionData()
                        .setPartitionIndex(p.partition())
                        .setErrorCode(code(p.error()))
                        .setHighWatermark(p.highWatermark())
                        .setLastStableOffset(p.lastStableOffset())
                        .setLogStartOffset(p.logStartOffset())
                        .setRecords(toRecords(p.records()));
                if (version >= 11) {
                    partition.setPreferredReadReplica(p.preferredReadReplica());
                }
                topicData.partitions().add(partition);
            }
            data.responses().add(topicData);
        }
        return data;
    }

    /** Wraps a payload for the generated writer; a file slice stays a reference to the file. */
    private static BaseRecords toRecords(RecordsPayload payload) {
        if (payload == null) {
            return MemoryRecords.EMPTY;
        }
        if (payload instanceof RecordsPayload.FileSlice slice) {
            return new FileSliceRecords(slice);
        }
        RecordsPayload.Memory memory = (RecordsPayload.Memory) payload;
        return MemoryRecords.readableRecords(memory.buffer().duplicate());
    }

    static OffsetFetchResponseData offsetFetch(OffsetFetchResponse response, short version) {
        OffsetFetchResponseData data = new OffsetFetchResponseData().setThrottleTimeMs(response.throttleTimeMs());
        if (version < 8) {
            return offsetFetchSingleGroup(data, response, version);
        }
        for (OffsetFetchResponse.Group group : response.groups()) {
            OffsetFetchResponseData.OffsetFetchResponseGroup groupData =
                    new OffsetFetchResponseData.OffsetFetchResponseGroup()
                            .setGroupId(group.groupId())
                            .setErrorCode(code(group.error()));
            for (OffsetFetchResponse.Topic topic : topics(group)) {
                OffsetFetchResponseData.OffsetFetchResponseTopics topicData =
                        new OffsetFetchResponseData.OffsetFetchResponseTopics();
                if (version >= 10) {
                    topicData.setTopicId(toKafkaUuid(topic.topicId()));
                } else {
                    topicData.setName(topic.name());
                }
                for (OffsetFetchResponse.Partition p : topic.partitions()) {
                    topicData.partitions().add(new OffsetFetchResponseData.OffsetFetchResponsePartitions()
                            .setPartitionIndex(p.partition())
                            .setCommittedOffset(p.committedOffset())
                            .setCommittedLeaderEpoch(p.committedLeaderEpoch())
                            .setMetadata(p.metadata())
                            .setErrorCode(code(p.error())));
                }
                groupData.topics().add(topicData);
            }
            data.groups().add(groupData);
        }
        return data;
    }

    /**
     * Writes the single group of versions 0-7. Versions 0-1 have no top-level error, so a group error
     * is reported on every partition instead, as Kafka brokers do.
     */
    private static OffsetFetchResponseData offsetFetchSingleGroup(OffsetFetchResponseData data,
                                                                  OffsetFetchResponse response, short version) {
        if (response.groups().isEmpty()) {
            return data;
        }
        OffsetFetchResponse.Group group = response.groups().get(0);
        ErrorCode groupError = group.error() == null ? ErrorCode.NONE : group.error();
        if (version >= 2) {
            data.setErrorCode(groupError.code());
        }
        for (OffsetFetchResponse.Topic topic : topics(group)) {
            OffsetFetchResponseData.OffsetFetchResponseTopic topicData =
                    new OffsetFetchResponseData.OffsetFetchResponseTopic().setName(topic.name());
            for (OffsetFetchResponse.Partition p : topic.partitions()) {
                ErrorCode error = p.error() == null ? ErrorCode.NONE : p.error();
                if (version < 2 && groupError != ErrorCode.NONE) {
                    error = groupError;
                }
                OffsetFetchResponseData.OffsetFetchResponsePartition partition =
                        new OffsetFetchResponseData.OffsetFetchResponsePartition()
                                .setPartitionIndex(p.partition())
                                .setCommittedOffset(p.committedOffset())
                                .setMetadata(p.metadata())
                                .setErrorCode(error.code());
                if (version >= 5) {
                    partition.setCommittedLeaderEpoch(p.committedLeaderEpoch());
                }
                topicData.partitions().add(partition);
            }
            data.topics().add(topicData);
        }
        return data;
    }

    private static List<OffsetFetchResponse.Topic> topics(OffsetFetchResponse.Group group) {
        return group.topics() == null ? new ArrayList<>() : group.topics();
    }
}
