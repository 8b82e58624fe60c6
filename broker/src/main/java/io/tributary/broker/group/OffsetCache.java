package io.tributary.broker.group;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The committed offsets of every group in memory, plus the commits still being written.
 *
 * <p>A commit becomes visible only when it is durable. Two commits of one partition that are written
 * concurrently may complete in either order, so each stored value keeps the log position it was
 * written at and an older position never replaces a newer one.
 *
 * <p>Thread-safe: each group's offsets are guarded by their own monitor.
 */
final class OffsetCache {

    private record Versioned(CommittedOffset value, long position) {
    }

    private static final class GroupOffsets {
        final Map<TopicPartition, Versioned> offsets = new LinkedHashMap<>();
        final Map<TopicPartition, Integer> pending = new HashMap<>();
    }

    private final ConcurrentHashMap<String, GroupOffsets> groups = new ConcurrentHashMap<>();

    /**
     * Marks partitions as being written and calls {@code startWrite} under the group's monitor, so the
     * writes of one group reach the log in the order in which their callers saw this cache.
     * {@link #complete} must follow for each call.
     */
    <T> T beginWrite(String groupId, Collection<TopicPartition> partitions, Supplier<T> startWrite) {
        List<T> result = new ArrayList<>(1);
        update(groupId, group -> {
            for (TopicPartition partition : partitions) {
                group.pending.merge(partition, 1, Integer::sum);
            }
            result.add(startWrite.get());
        });
        return result.get(0);
    }

    /**
     * Finds the group's offsets committed at or before {@code cutoffMs} with no write in flight, marks them
     * as being written and calls {@code startDelete} with them under the group's monitor, so that no commit
     * can slip in between the check and the delete. Returns null if no offset expired.
     */
    <T> T beginExpiry(String groupId, long cutoffMs, Function<Set<TopicPartition>, T> startDelete) {
        List<T> result = new ArrayList<>(1);
        update(groupId, group -> {
            Set<TopicPartition> expired = new LinkedHashSet<>();
            group.offsets.forEach((partition, versioned) -> {
                if (versioned.value().commitTimestampMs() <= cutoffMs && !group.pending.containsKey(partition)) {
                    expired.add(partition);
                }
            });
            if (expired.isEmpty()) {
                return;
            }
            for (TopicPartition partition : expired) {
                group.pending.merge(partition, 1, Integer::sum);
            }
            result.add(startDelete.apply(expired));
        });
        return result.isEmpty() ? null : result.get(0);
    }

    /**
     * Finds the group's visible offsets that {@code selected} accepts, marks them as being written and calls
     * {@code startDelete} with them under the group's monitor, as DeleteGroups and OffsetDelete do. A commit
     * still being written is not selected: it lands after the delete, as it would in Kafka. Returns null if
     * no offset was selected.
     */
    <T> T beginDelete(String groupId, Predicate<TopicPartition> selected, Function<Set<TopicPartition>, T> startDelete) {
        List<T> result = new ArrayList<>(1);
        update(groupId, group -> {
            Set<TopicPartition> deleted = new LinkedHashSet<>();
            for (TopicPartition partition : group.offsets.keySet()) {
                if (selected.test(partition)) {
                    deleted.add(partition);
                }
            }
            if (deleted.isEmpty()) {
                return;
            }
            for (TopicPartition partition : deleted) {
                group.pending.merge(partition, 1, Integer::sum);
            }
            result.add(startDelete.apply(deleted));
        });
        return result.isEmpty() ? null : result.get(0);
    }

    /** Returns the ids of the groups with offsets or writes in flight. */
    Set<String> groupIds() {
        return Set.copyOf(groups.keySet());
    }

    /**
     * Ends a write that {@link #beginPending} started. If {@code position} is non-negative the values
     * (null: deleted) become visible, unless a newer position already stored the partition.
     */
    void complete(String groupId, Map<TopicPartition, CommittedOffset> values, long position) {
        update(groupId, group -> {
            for (Map.Entry<TopicPartition, CommittedOffset> entry : values.entrySet()) {
                group.pending.computeIfPresent(entry.getKey(), (key, count) -> count == 1 ? null : count - 1);
                if (position >= 0) {
                    apply(group, entry.getKey(), entry.getValue(), position);
                }
            }
        });
    }

    /** Stores a value read back at start-up. */
    void load(OffsetKey key, CommittedOffset value, long position) {
        update(key.groupId(), group -> apply(group, new TopicPartition(key.topic(), key.partition()), value, position));
    }

    /**
     * Runs {@code action} on the group's offsets under their monitor, then drops them if they became empty.
     * An object dropped by another thread between the lookup and the lock is looked up again.
     */
    private void update(String groupId, Consumer<GroupOffsets> action) {
        while (true) {
            GroupOffsets group = groups.computeIfAbsent(groupId, id -> new GroupOffsets());
            synchronized (group) {
                if (groups.get(groupId) != group) {
                    continue;
                }
                action.accept(group);
                if (group.offsets.isEmpty() && group.pending.isEmpty()) {
                    groups.remove(groupId, group);
                }
                return;
            }
        }
    }

    private static void apply(GroupOffsets group, TopicPartition partition, CommittedOffset value, long position) {
        Versioned current = group.offsets.get(partition);
        if (current != null && current.position() > position) {
            return;
        }
        if (value == null) {
            group.offsets.remove(partition);
        } else {
            group.offsets.put(partition, new Versioned(value, position));
        }
    }

    /** Returns the committed offset, or null if none is visible. */
    CommittedOffset get(String groupId, TopicPartition partition) {
        GroupOffsets group = groups.get(groupId);
        if (group == null) {
            return null;
        }
        synchronized (group) {
            Versioned versioned = group.offsets.get(partition);
            return versioned == null ? null : versioned.value();
        }
    }

    /** Returns true if a commit of the partition is being written. */
    boolean isPending(String groupId, TopicPartition partition) {
        GroupOffsets group = groups.get(groupId);
        if (group == null) {
            return false;
        }
        synchronized (group) {
            return group.pending.containsKey(partition);
        }
    }

    /** Returns a copy of the group's visible offsets, in first-commit order. */
    Map<TopicPartition, CommittedOffset> offsets(String groupId) {
        GroupOffsets group = groups.get(groupId);
        Map<TopicPartition, CommittedOffset> copy = new LinkedHashMap<>();
        if (group != null) {
            synchronized (group) {
                group.offsets.forEach((partition, versioned) -> copy.put(partition, versioned.value()));
            }
        }
        return copy;
    }

    /** Returns true if the group has a visible offset or a commit being written. */
    boolean hasOffsets(String groupId) {
        GroupOffsets group = groups.get(groupId);
        if (group == null) {
            return false;
        }
        synchronized (group) {
            return !group.offsets.isEmpty() || !group.pending.isEmpty();
        }
    }

    /** Returns a copy of every visible offset. */
    Map<OffsetKey, CommittedOffset> snapshot() {
        Map<OffsetKey, CommittedOffset> copy = new HashMap<>();
        groups.forEach((groupId, group) -> {
            synchronized (group) {
                group.offsets.forEach((partition, versioned) -> copy.put(
                        new OffsetKey(groupId, partition.topic(), partition.partition()), versioned.value()));
            }
        });
        return copy;
    }
}
