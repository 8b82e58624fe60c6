package io.tributary.broker.group;

import io.tributary.protocol.message.JoinGroupRequest;
import io.tributary.protocol.message.JoinGroupResponse;
import io.tributary.protocol.message.SyncGroupResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * One member of a classic group.
 *
 * <p>Not thread-safe: guarded by the lock of the {@link ClassicGroup} that contains it. A member is
 * awaiting join while its JoinGroup request waits for the join barrier, and awaiting sync while its
 * SyncGroup request waits for the leader's assignment. Its session timer runs only while it is
 * neither, because the rebalance and sync timeouts bound those waits.
 */
final class GroupMember {

    private static final byte[] NO_ASSIGNMENT = new byte[0];

    private final String memberId;
    private final String clientId;
    private final String clientHost;
    private int sessionTimeoutMs;
    private int rebalanceTimeoutMs;
    private List<JoinGroupRequest.Protocol> protocols;
    private CompletableFuture<JoinGroupResponse> awaitingJoin;
    private CompletableFuture<SyncGroupResponse> awaitingSync;
    private byte[] assignment = NO_ASSIGNMENT;
    private GroupTimer.Timeout sessionTimer;

    GroupMember(String memberId, String clientId, String clientHost, int sessionTimeoutMs, int rebalanceTimeoutMs,
                List<JoinGroupRequest.Protocol> protocols) {
        this.memberId = memberId;
        this.clientId = clientId;
        this.clientHost = clientHost;
        this.sessionTimeoutMs = sessionTimeoutMs;
        this.rebalanceTimeoutMs = rebalanceTimeoutMs;
        this.protocols = List.copyOf(protocols);
    }

    String memberId() {
        return memberId;
    }

    String clientId() {
        return clientId;
    }

    String clientHost() {
        return clientHost;
    }

    int sessionTimeoutMs() {
        return sessionTimeoutMs;
    }

    int rebalanceTimeoutMs() {
        return rebalanceTimeoutMs;
    }

    List<JoinGroupRequest.Protocol> protocols() {
        return protocols;
    }

    /** Replaces the protocols and timeouts with those of a new JoinGroup request. */
    void update(List<JoinGroupRequest.Protocol> newProtocols, int newSessionTimeoutMs, int newRebalanceTimeoutMs) {
        this.protocols = List.copyOf(newProtocols);
        this.sessionTimeoutMs = newSessionTimeoutMs;
        this.rebalanceTimeoutMs = newRebalanceTimeoutMs;
    }

    /** Returns true if {@code other} names the same protocols with the same metadata, in the same order. */
    boolean hasSameProtocols(List<JoinGroupRequest.Protocol> other) {
        if (other.size() != protocols.size()) {
            return false;
        }
        for (int i = 0; i < other.size(); i++) {
            JoinGroupRequest.Protocol mine = protocols.get(i);
            JoinGroupRequest.Protocol theirs = other.get(i);
            if (!mine.name().equals(theirs.name()) || !Arrays.equals(mine.metadata(), theirs.metadata())) {
                return false;
            }
        }
        return true;
    }

    boolean supports(String protocolName) {
        return protocols.stream().anyMatch(protocol -> protocol.name().equals(protocolName));
    }

    /** Returns this member's metadata for {@code protocolName}, or an empty array if it does not support it. */
    byte[] metadata(String protocolName) {
        for (JoinGroupRequest.Protocol protocol : protocols) {
            if (protocol.name().equals(protocolName)) {
                return protocol.metadata() == null ? NO_ASSIGNMENT : protocol.metadata();
            }
        }
        return NO_ASSIGNMENT;
    }

    /** Returns the first protocol in this member's preference order that is among {@code candidates}. */
    String vote(Set<String> candidates) {
        for (JoinGroupRequest.Protocol protocol : protocols) {
            if (candidates.contains(protocol.name())) {
                return protocol.name();
            }
        }
        throw new IllegalStateException("Member " + memberId + " supports none of the protocols " + candidates);
    }

    boolean isAwaitingJoin() {
        return awaitingJoin != null;
    }

    boolean isAwaitingSync() {
        return awaitingSync != null;
    }

    void awaitJoin(CompletableFuture<JoinGroupResponse> future) {
        this.awaitingJoin = future;
    }

    void awaitSync(CompletableFuture<SyncGroupResponse> future) {
        this.awaitingSync = future;
    }

    /** Returns and clears the pending JoinGroup future, or null if there is none. */
    CompletableFuture<JoinGroupResponse> takeAwaitingJoin() {
        CompletableFuture<JoinGroupResponse> future = awaitingJoin;
        awaitingJoin = null;
        return future;
    }

    /** Returns and clears the pending SyncGroup future, or null if there is none. */
    CompletableFuture<SyncGroupResponse> takeAwaitingSync() {
        CompletableFuture<SyncGroupResponse> future = awaitingSync;
        awaitingSync = null;
        return future;
    }

    byte[] assignment() {
        return assignment;
    }

    void assignment(byte[] value) {
        this.assignment = value == null ? NO_ASSIGNMENT : value;
    }

    GroupTimer.Timeout sessionTimer() {
        return sessionTimer;
    }

    /** Replaces the session timer, cancelling the previous one. */
    void sessionTimer(GroupTimer.Timeout timer) {
        if (sessionTimer != null) {
            sessionTimer.cancel();
        }
        this.sessionTimer = timer;
    }

    @Override
    public String toString() {
        return "GroupMember(memberId=" + memberId + ", clientId=" + clientId + ", clientHost=" + clientHost + ")";
    }
}
