package io.tributary.broker.group;

/**
 * The identity of a committed offset: group, topic and partition.
 *
 * @param groupId   the group id
 * @param topic     the topic name
 * @param partition the partition index
 */
public record OffsetKey(String groupId, String topic, int partition) {
}
