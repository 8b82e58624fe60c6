package io.tributary.broker.group;

/**
 * A partition of a topic, named by topic name, as committed offsets are keyed.
 *
 * @param topic     the topic name
 * @param partition the partition index
 */
record TopicPartition(String topic, int partition) {

    @Override
    public String toString() {
        return topic + "-" + partition;
    }
}
