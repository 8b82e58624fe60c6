package io.tributary.broker.group;

import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.DeleteGroupsResponse;
import io.tributary.protocol.message.DescribeGroupsResponse;
import io.tributary.protocol.message.ListGroupsRequest;
import io.tributary.protocol.message.ListGroupsResponse;
import io.tributary.protocol.message.OffsetDeleteRequest;
import io.tributary.protocol.message.OffsetDeleteResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The group administration half of the coordinator: ListGroups, DescribeGroups, DeleteGroups and
 * OffsetDelete over the groups of {@link ClassicGroupManager} and the offsets of {@link OffsetManager}.
 *
 * <p>A group that has committed offsets but no {@link ClassicGroup} (after a restart, or one that only
 * committed with generation -1) exists as an Empty group with protocol type "", as in Kafka.
 *
 * <p>Thread-safe. Each check of a group's state and the start of the tombstone write that depends on it
 * happen under the group's lock, so no member can join in between.
 */
final class GroupAdmin {

    private static final Logger log = LoggerFactory.getLogger(GroupAdmin.class);

    /** The type of every group of this coordinator in ListGroups v5+. */
    static final String CLASSIC_GROUP_TYPE = "classic";
    /** The first DescribeGroups version that reports an unknown group as GROUP_ID_NOT_FOUND. */
    static final short DESCRIBE_GROUP_ID_NOT_FOUND_MIN_VERSION = 6;

    private static final byte[] EMPTY = new byte[0];

    private final ClassicGroupManager groups;
    private final OffsetManager offsets;

    GroupAdmin(ClassicGroupManager groups, OffsetManager offsets) {
        this.groups = groups;
        this.offsets = offsets;
    }

    // ListGroups

    /** Lists every group, sorted by group id, that matches both filters; the filters ignore case. */
    ListGroupsResponse listGroups(ListGroupsRequest request) {
        Set<String> states = lowerCase(request.statesFilter());
        Set<String> types = lowerCase(request.typesFilter());
        Map<String, ListGroupsResponse.ListedGroup> listed = new TreeMap<>();
        for (ClassicGroup group : groups.groups()) {
            synchronized (group) {
                if (!group.isInState(GroupState.DEAD)) {
                    listed.put(group.groupId(), listedGroup(group.groupId(), group.state(), group.protocolType()));
                }
            }
        }
        for (String groupId : offsets.groupIds()) {
            if (!listed.containsKey(groupId) && offsets.hasOffsets(groupId)) {
                listed.put(groupId, listedGroup(groupId, GroupState.EMPTY, null));
            }
        }
        List<ListGroupsResponse.ListedGroup> matching = new ArrayList<>();
        for (ListGroupsResponse.ListedGroup group : listed.values()) {
            if ((states.isEmpty() || states.contains(group.groupState().toLowerCase(Locale.ROOT)))
                    && (types.isEmpty() || types.contains(group.groupType()))) {
                matching.add(group);
            }
        }
        return new ListGroupsResponse(0, ErrorCode.NONE, matching);
    }

    private static ListGroupsResponse.ListedGroup listedGroup(String groupId, GroupState state, String protocolType) {
        return new ListGroupsResponse.ListedGroup(groupId, protocolType == null ? "" : protocolType,
                state.kafkaName(), CLASSIC_GROUP_TYPE);
    }

    private static Set<String> lowerCase(List<String> values) {
        Set<String> result = new HashSet<>();
        if (values != null) {
            for (String value : values) {
                result.add(value.trim().toLowerCase(Locale.ROOT));
            }
        }
        return result;
    }

    // DescribeGroups

    /**
     * Describes one group. Only a Stable group reports its protocol and each member's metadata and
     * assignment; in other states the members come without them, as in Kafka. An unknown group is Dead, with
     * GROUP_ID_NOT_FOUND from v6 on and without error before.
     */
    DescribeGroupsResponse.DescribedGroup describeGroup(String groupId, short apiVersion) {
        if (groupId == null) {
            return describedWithoutMembers(ErrorCode.INVALID_GROUP_ID, null, null, GroupState.DEAD, "");
        }
        ClassicGroup group = groups.group(groupId);
        if (group != null) {
            synchronized (group) {
                if (!group.isInState(GroupState.DEAD)) {
                    return describeLocked(group);
                }
            }
        }
        if (offsets.hasOffsets(groupId)) {
            return describedWithoutMembers(ErrorCode.NONE, null, groupId, GroupState.EMPTY, "");
        }
        if (apiVersion >= DESCRIBE_GROUP_ID_NOT_FOUND_MIN_VERSION) {
            return describedWithoutMembers(ErrorCode.GROUP_ID_NOT_FOUND, "Group " + groupId + " not found.",
                    groupId, GroupState.DEAD, "");
        }
        return describedWithoutMembers(ErrorCode.NONE, null, groupId, GroupState.DEAD, "");
    }

    private static DescribeGroupsResponse.DescribedGroup describeLocked(ClassicGroup group) {
        boolean stable = group.isInState(GroupState.STABLE);
        List<DescribeGroupsResponse.Member> members = new ArrayList<>();
        for (GroupMember member : group.members()) {
            // NOTE: static membership is not supported, so every member is reported without instance id.
            members.add(new DescribeGroupsResponse.Member(member.memberId(), null, member.clientId(),
                    member.clientHost(), stable ? member.metadata(group.protocolName()) : EMPTY,
                    stable ? member.assignment() : EMPTY));
        }
        String protocolType = group.protocolType() == null ? "" : group.protocolType();
        return new DescribeGroupsResponse.DescribedGroup(ErrorCode.NONE, null, group.groupId(),
                group.state().kafkaName(), protocolType, stable ? group.protocolName() : "", members,
                DescribeGroupsResponse.AUTHORIZED_OPERATIONS_OMITTED);
    }

    private static DescribeGroupsResponse.DescribedGroup describedWithoutMembers(ErrorCode error, String message,
                                                                                 String groupId, GroupState state,
                                                                                 String protocolType) {
        return new DescribeGroupsResponse.DescribedGroup(error, message, groupId, state.kafkaName(), protocolType,
                "", List.of(), DescribeGroupsResponse.AUTHORIZED_OPERATIONS_OMITTED);
    }

    // DeleteGroups

    /**
     * Deletes an Empty group and its committed offsets; the result completes once the tombstones are
     * durable. Errors: INVALID_GROUP_ID (null id), GROUP_ID_NOT_FOUND (unknown or Dead), NON_EMPTY_GROUP
     * (the group has members), COORDINATOR_NOT_AVAILABLE (the write failed, or the group kept being removed
     * concurrently).
     */
    CompletableFuture<DeleteGroupsResponse.Result> deleteGroup(String groupId) {
        if (groupId == null) {
            return CompletableFuture.completedFuture(new DeleteGroupsResponse.Result(null, ErrorCode.INVALID_GROUP_ID));
        }
        CompletableFuture<ErrorCode> deleted = withGroup(groupId, group -> {
            if (group == null) {
                // NOTE: without a group object there is no lock, so a member joining right now may keep
                // its first commit only if that commit is written after these tombstones.
                return offsets.hasOffsets(groupId) ? deleteAllOffsets(groupId) : completed(ErrorCode.GROUP_ID_NOT_FOUND);
            }
            if (!group.isInState(GroupState.EMPTY)) {
                return completed(ErrorCode.NON_EMPTY_GROUP);
            }
            if (!offsets.hasOffsets(groupId) && !group.hasPendingJoinMembers()) {
                return completed(ErrorCode.GROUP_ID_NOT_FOUND);
            }
            groups.deleteLocked(group);
            return deleteAllOffsets(groupId);
        });
        return deleted.thenApply(error -> new DeleteGroupsResponse.Result(groupId, error));
    }

    private CompletableFuture<ErrorCode> deleteAllOffsets(String groupId) {
        return offsets.delete(groupId, partition -> true).whenComplete((error, failure) -> {
            if (error == ErrorCode.NONE) {
                log.info("[GroupCoordinator] Deleted the committed offsets of group {}", groupId);
            }
        });
    }

    // OffsetDelete

    /**
     * Deletes the committed offsets of the requested partitions; the response completes once the
     * tombstones are durable. Top-level errors: INVALID_GROUP_ID (null or empty id), GROUP_ID_NOT_FOUND
     * (unknown or Dead group), NON_EMPTY_GROUP (members of a protocol other than "consumer", whose
     * subscriptions cannot be read), COORDINATOR_NOT_AVAILABLE (the write failed). Per partition:
     * GROUP_SUBSCRIBED_TO_TOPIC when the group is not Empty and a member of the current generation
     * subscribes to the topic; NONE otherwise, also for partitions without a committed offset.
     */
    CompletableFuture<OffsetDeleteResponse> offsetDelete(OffsetDeleteRequest request) {
        String groupId = request.groupId();
        if (groupId == null || groupId.isEmpty()) {
            return CompletableFuture.completedFuture(offsetDeleteError(ErrorCode.INVALID_GROUP_ID));
        }
        List<OffsetDeleteRequest.Topic> topics = request.topics() == null ? List.of() : request.topics();
        List<OffsetDeleteResponse.Topic> results = new ArrayList<>();
        CompletableFuture<ErrorCode> deleted = withGroup(groupId, group -> {
            results.clear();
            if (group == null && !offsets.hasOffsets(groupId)
                    || group != null && group.isInState(GroupState.EMPTY) && !offsets.hasOffsets(groupId)) {
                return completed(ErrorCode.GROUP_ID_NOT_FOUND);
            }
            if (group != null && !group.isInState(GroupState.EMPTY) && !group.usesConsumerProtocol()) {
                return completed(ErrorCode.NON_EMPTY_GROUP);
            }
            Set<TopicPartition> selected = new HashSet<>();
            for (OffsetDeleteRequest.Topic topic : topics) {
                boolean subscribed = group != null && group.isSubscribedToTopic(topic.name());
                ErrorCode error = subscribed ? ErrorCode.GROUP_SUBSCRIBED_TO_TOPIC : ErrorCode.NONE;
                List<OffsetDeleteResponse.Partition> partitions = new ArrayList<>();
                for (int partition : topic.partitions()) {
                    partitions.add(new OffsetDeleteResponse.Partition(partition, error));
                    if (!subscribed) {
                        selected.add(new TopicPartition(topic.name(), partition));
                    }
                }
                results.add(new OffsetDeleteResponse.Topic(topic.name(), partitions));
            }
            return offsets.delete(groupId, selected::contains);
        });
        return deleted.thenApply(error -> {
            if (error != ErrorCode.NONE) {
                return offsetDeleteError(error);
            }
            groups.removeIfUnused(groupId);
            return new OffsetDeleteResponse(0, ErrorCode.NONE, List.copyOf(results));
        });
    }

    private static OffsetDeleteResponse offsetDeleteError(ErrorCode error) {
        return new OffsetDeleteResponse(0, error, List.of());
    }

    // Helpers

    /**
     * Runs {@code action} with the group under its lock, or with null if the group object does not exist.
     * A group removed between the lookup and the lock is looked up again; after
     * {@link ClassicGroupManager#MAX_LOOKUP_ATTEMPTS} removals the result is COORDINATOR_NOT_AVAILABLE.
     */
    private CompletableFuture<ErrorCode> withGroup(String groupId,
                                                   Function<ClassicGroup, CompletableFuture<ErrorCode>> action) {
        for (int attempt = 0; attempt < ClassicGroupManager.MAX_LOOKUP_ATTEMPTS; attempt++) {
            ClassicGroup group = groups.group(groupId);
            if (group == null) {
                return action.apply(null);
            }
            CompletableFuture<ErrorCode> result = groups.locked(group,
                    g -> g.isInState(GroupState.DEAD) ? null : action.apply(g));
            if (result != null) {
                return result;
            }
        }
        return completed(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    }

    private static CompletableFuture<ErrorCode> completed(ErrorCode error) {
        return CompletableFuture.completedFuture(error);
    }
}
