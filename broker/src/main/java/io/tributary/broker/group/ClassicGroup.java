package io.tributary.broker.group;

import io.tributary.protocol.ConsumerSubscriptions;
import io.tributary.protocol.message.JoinGroupRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The membership state of one classic group: its state, generation, chosen protocol, leader,
 * members, and the members that must still rejoin or sync.
 *
 * <p>Not thread-safe: every access locks the monitor of this object. Futures of waiting requests
 * are never completed under that monitor; they are queued with {@link #defer} and run by the
 * caller after it released the monitor, so that response callbacks never run under a group lock.
 */
final class ClassicGroup {

    private final String groupId;
    private GroupState state = GroupState.EMPTY;
    private int generationId;
    private String protocolType;
    private String protocolName;
    private String leaderId;
    private final Map<String, GroupMember> members = new LinkedHashMap<>();
    private final Map<String, GroupTimer.Timeout> pendingJoinMembers = new HashMap<>();
    private final Set<String> pendingSyncMembers = new HashSet<>();
    private final Map<String, Integer> supportedProtocols = new HashMap<>();
    private GroupTimer.Timeout joinTimer;
    private GroupTimer.Timeout syncTimer;
    private boolean initialJoinDelay;
    private boolean newMemberAdded;
    private long emptySinceMs;
    private Set<String> subscribedTopics;
    private final List<Runnable> deferred = new ArrayList<>();

    /**
     * @param groupId   the group id
     * @param createdMs the creation time, which counts as the time the group became empty
     */
    ClassicGroup(String groupId, long createdMs) {
        this.groupId = groupId;
        this.emptySinceMs = createdMs;
    }

    String groupId() {
        return groupId;
    }

    GroupState state() {
        return state;
    }

    boolean isInState(GroupState expected) {
        return state == expected;
    }

    /**
     * Moves to {@code target}.
     *
     * @throws IllegalStateException if the transition is not one of the state machine's
     */
    void transitionTo(GroupState target) {
        if (!target.validPreviousStates().contains(state)) {
            throw new IllegalStateException("Group " + groupId + " cannot move from " + state + " to " + target);
        }
        state = target;
    }

    /** Returns true if a rebalance may start now, that is the group is Empty, CompletingRebalance or Stable. */
    boolean canRebalance() {
        return GroupState.PREPARING_REBALANCE.validPreviousStates().contains(state);
    }

    int generationId() {
        return generationId;
    }

    String protocolType() {
        return protocolType;
    }

    String protocolName() {
        return protocolName;
    }

    String leaderId() {
        return leaderId;
    }

    boolean isLeader(String memberId) {
        return memberId.equals(leaderId);
    }

    GroupMember member(String memberId) {
        return members.get(memberId);
    }

    boolean hasMember(String memberId) {
        return members.containsKey(memberId);
    }

    Collection<GroupMember> members() {
        return members.values();
    }

    int size() {
        return members.size();
    }

    /** Returns the number of members plus the members that were given an id and must rejoin with it. */
    int sizeWithPendingJoins() {
        return members.size() + pendingJoinMembers.size();
    }

    /**
     * Returns true if a member with {@code type} and {@code protocols} may join: an empty group takes any
     * non-empty type and protocol list, otherwise the type must match and one protocol must be supported by
     * every member.
     */
    boolean supportsProtocols(String type, Collection<JoinGroupRequest.Protocol> protocols) {
        if (type == null || type.isEmpty() || protocols.isEmpty()) {
            return false;
        }
        if (members.isEmpty()) {
            return true;
        }
        if (!type.equals(protocolType)) {
            return false;
        }
        return protocols.stream()
                .anyMatch(protocol -> supportedProtocols.getOrDefault(protocol.name(), 0) == members.size());
    }

    /** Adds a member; the first member sets the protocol type and becomes the leader. */
    void add(GroupMember member, String memberProtocolType) {
        if (members.isEmpty()) {
            protocolType = memberProtocolType;
        }
        members.put(member.memberId(), member);
        countProtocols(member, 1);
        if (leaderId == null) {
            leaderId = member.memberId();
        }
    }

    /** Replaces a member's protocols and timeouts, keeping the protocol counts right. */
    void update(GroupMember member, List<JoinGroupRequest.Protocol> protocols, int sessionTimeoutMs,
                int rebalanceTimeoutMs) {
        countProtocols(member, -1);
        member.update(protocols, sessionTimeoutMs, rebalanceTimeoutMs);
        countProtocols(member, 1);
    }

    /** Removes a member and cancels its session timer; a new leader is chosen if it led the group. */
    void remove(GroupMember member) {
        members.remove(member.memberId());
        countProtocols(member, -1);
        member.sessionTimer(null);
        pendingSyncMembers.remove(member.memberId());
        if (member.memberId().equals(leaderId)) {
            leaderId = members.isEmpty() ? null : members.keySet().iterator().next();
        }
        if (members.isEmpty()) {
            protocolType = null;
        }
    }

    private void countProtocols(GroupMember member, int delta) {
        for (JoinGroupRequest.Protocol protocol : member.protocols()) {
            supportedProtocols.merge(protocol.name(), delta, Integer::sum);
        }
    }

    void addPendingJoinMember(String memberId, GroupTimer.Timeout expiry) {
        pendingJoinMembers.put(memberId, expiry);
    }

    boolean isPendingJoinMember(String memberId) {
        return pendingJoinMembers.containsKey(memberId);
    }

    /** Removes a pending member and cancels its expiry; returns false if it was not pending. */
    boolean removePendingJoinMember(String memberId) {
        GroupTimer.Timeout expiry = pendingJoinMembers.remove(memberId);
        if (expiry == null) {
            return false;
        }
        expiry.cancel();
        return true;
    }

    boolean hasPendingJoinMembers() {
        return !pendingJoinMembers.isEmpty();
    }

    /** Forgets every pending member and cancels their expiry, when the group is deleted. */
    void clearPendingJoinMembers() {
        pendingJoinMembers.values().forEach(GroupTimer.Timeout::cancel);
        pendingJoinMembers.clear();
    }

    /** Returns true if every member awaits the join barrier and no member must still rejoin with a new id. */
    boolean hasAllMembersJoined() {
        return pendingJoinMembers.isEmpty() && members.values().stream().allMatch(GroupMember::isAwaitingJoin);
    }

    /** Returns the largest rebalance timeout of the members, the time a join barrier waits at most. */
    int rebalanceTimeoutMs() {
        return members.values().stream().mapToInt(GroupMember::rebalanceTimeoutMs).max().orElse(0);
    }

    /**
     * Starts the next generation: increments the generation id, then chooses the protocol and moves to
     * CompletingRebalance, or moves to Empty if no member is left. Every member must then sync.
     */
    void initNextGeneration() {
        generationId++;
        pendingSyncMembers.clear();
        if (members.isEmpty()) {
            protocolName = null;
            subscribedTopics = computeSubscribedTopics();
            transitionTo(GroupState.EMPTY);
            return;
        }
        protocolName = selectProtocol();
        subscribedTopics = computeSubscribedTopics();
        pendingSyncMembers.addAll(members.keySet());
        transitionTo(GroupState.COMPLETING_REBALANCE);
    }

    /** Returns true if the members use the consumer protocol, whose metadata names the subscribed topics. */
    boolean usesConsumerProtocol() {
        return ConsumerSubscriptions.PROTOCOL_TYPE.equals(protocolType);
    }

    /**
     * Returns true if the members of the current generation subscribe to {@code topic}, as OffsetDelete checks.
     * The subscriptions are unknown before the first generation and when a member's metadata is not a valid
     * consumer subscription. A consumer protocol group then counts as subscribed to every topic, as in Kafka
     * 4.4, so that OffsetDelete never removes offsets that a member may still use.
     */
    boolean isSubscribedToTopic(String topic) {
        return subscribedTopics == null ? usesConsumerProtocol() : subscribedTopics.contains(topic);
    }

    /** Returns the union of the members' subscribed topics, or null if they are unknown. */
    private Set<String> computeSubscribedTopics() {
        if (!usesConsumerProtocol()) {
            return null;
        }
        if (members.isEmpty()) {
            return Set.of();
        }
        if (protocolName == null) {
            return null;
        }
        Set<String> topics = new HashSet<>();
        for (GroupMember member : members.values()) {
            Optional<Set<String>> memberTopics = ConsumerSubscriptions.topics(member.metadata(protocolName));
            if (memberTopics.isEmpty()) {
                return null;
            }
            topics.addAll(memberTopics.get());
        }
        return topics;
    }

    /**
     * Chooses the protocol by vote: each member votes for its most preferred protocol among those all
     * members support, and the protocol with the most votes wins. A tie goes to the protocol voted for
     * first in member order, which makes the choice deterministic.
     */
    String selectProtocol() {
        Set<String> candidates = new LinkedHashSet<>();
        supportedProtocols.forEach((name, count) -> {
            if (count == members.size()) {
                candidates.add(name);
            }
        });
        Map<String, Integer> votes = new LinkedHashMap<>();
        for (GroupMember member : members.values()) {
            votes.merge(member.vote(candidates), 1, Integer::sum);
        }
        String winner = null;
        int winnerVotes = 0;
        for (Map.Entry<String, Integer> entry : votes.entrySet()) {
            if (entry.getValue() > winnerVotes) {
                winner = entry.getKey();
                winnerVotes = entry.getValue();
            }
        }
        return winner;
    }

    Set<String> pendingSyncMembers() {
        return pendingSyncMembers;
    }

    GroupTimer.Timeout joinTimer() {
        return joinTimer;
    }

    /** Replaces the join barrier timer, cancelling the previous one. */
    void joinTimer(GroupTimer.Timeout timer) {
        if (joinTimer != null) {
            joinTimer.cancel();
        }
        joinTimer = timer;
    }

    /** Replaces the sync barrier timer, cancelling the previous one. */
    void syncTimer(GroupTimer.Timeout timer) {
        if (syncTimer != null) {
            syncTimer.cancel();
        }
        syncTimer = timer;
    }

    GroupTimer.Timeout syncTimer() {
        return syncTimer;
    }

    /** True while the first rebalance of an empty group waits for more members to join. */
    boolean initialJoinDelay() {
        return initialJoinDelay;
    }

    void initialJoinDelay(boolean value) {
        initialJoinDelay = value;
    }

    boolean newMemberAdded() {
        return newMemberAdded;
    }

    void newMemberAdded(boolean value) {
        newMemberAdded = value;
    }

    /** Returns when the group last became Empty; meaningful only in state Empty. */
    long emptySinceMs() {
        return emptySinceMs;
    }

    void emptySinceMs(long value) {
        emptySinceMs = value;
    }

    /** Queues an action, usually the completion of a waiting request, to run after the lock is released. */
    void defer(Runnable action) {
        deferred.add(action);
    }

    /** Returns the queued actions and clears the queue. */
    List<Runnable> drainDeferred() {
        if (deferred.isEmpty()) {
            return List.of();
        }
        List<Runnable> actions = new ArrayList<>(deferred);
        deferred.clear();
        return actions;
    }

    @Override
    public String toString() {
        return "ClassicGroup(groupId=" + groupId + ", state=" + state + ", generationId=" + generationId
                + ", members=" + members.size() + ")";
    }
}
