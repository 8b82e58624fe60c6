package io.tributary.broker.group;

import java.util.EnumSet;
import java.util.Set;

/**
 * The states of a classic group, as in Apache Kafka.
 *
 * <pre>
 * Empty --join--> PreparingRebalance --all joined or timeout--> CompletingRebalance --leader sync--> Stable
 *   ^                    ^   |                                        |                              |
 *   |                    |   +--no member left-----> Empty            +--join, leave, expiry---------+
 *   +--last member gone--+                                                 back to PreparingRebalance
 * </pre>
 * Dead is final: the group was removed and a request that still refers to it must look it up again.
 */
public enum GroupState {
    /** No members; committed offsets may exist. */
    EMPTY("Empty"),
    /** Waiting for the members to (re)join; the join barrier is open. */
    PREPARING_REBALANCE("PreparingRebalance"),
    /** The join barrier completed; waiting for the leader's assignment. */
    COMPLETING_REBALANCE("CompletingRebalance"),
    /** Every member has its assignment of the current generation. */
    STABLE("Stable"),
    /** Removed from the coordinator. */
    DEAD("Dead");

    private final String kafkaName;

    GroupState(String kafkaName) {
        this.kafkaName = kafkaName;
    }

    /** Returns the name that ListGroups and DescribeGroups send, spelled as Kafka spells it. */
    String kafkaName() {
        return kafkaName;
    }

    /** Returns the states from which a transition to this state is legal. */
    Set<GroupState> validPreviousStates() {
        return switch (this) {
            case EMPTY -> EnumSet.of(PREPARING_REBALANCE);
            case PREPARING_REBALANCE -> EnumSet.of(EMPTY, STABLE, COMPLETING_REBALANCE);
            case COMPLETING_REBALANCE -> EnumSet.of(PREPARING_REBALANCE);
            case STABLE -> EnumSet.of(COMPLETING_REBALANCE);
            case DEAD -> EnumSet.of(EMPTY, PREPARING_REBALANCE, COMPLETING_REBALANCE, STABLE, DEAD);
        };
    }
}
