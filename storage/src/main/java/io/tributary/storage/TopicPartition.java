package io.tributary.storage;

/**
 * A topic name and partition number; its directory name is {@code <topic>-<partition>}.
 *
 * @param topic     topic name, which may itself contain '-' and '.'
 * @param partition partition number, at least 0
 */
public record TopicPartition(String topic, int partition) {

    public TopicPartition {
        if (topic == null || topic.isEmpty()) {
            throw new IllegalArgumentException("Topic name must not be empty");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("Invalid partition " + partition + " for topic " + topic);
        }
    }

    /**
     * Returns a hash that keeps partitions of topics named alike apart. With the record's own combination,
     * {@code 31 * topic.hashCode() + partition}, partition 31 of {@code orders-0} equals partition 0 of
     * {@code orders-1}, and a broker with thousands of such partitions turns its maps' buckets into trees.
     */
    @Override
    public int hashCode() {
        return topic.hashCode() * 0x9E3779B1 + partition;
    }

    /** Returns the partition directory name, {@code <topic>-<partition>}. */
    public String dirName() {
        return topic + "-" + partition;
    }

    /**
     * Parses a partition directory name, splitting at the last '-'.
     *
     * @return the partition, or null if the name does not end in {@code -<number>}
     */
    public static TopicPartition fromDirName(String name) {
        int dash = name.lastIndexOf('-');
        if (dash <= 0 || dash == name.length() - 1) {
            return null;
        }
        String number = name.substring(dash + 1);
        for (int i = 0; i < number.length(); i++) {
            if (!Character.isDigit(number.charAt(i))) {
                return null;
            }
        }
        try {
            return new TopicPartition(name.substring(0, dash), Integer.parseInt(number));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return dirName();
    }
}
