package io.tributary.storage;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TopicPartitionTest {

    @Test
    void similarTopicNamesHashApart() {
        Set<Integer> hashes = new HashSet<>();
        for (int topic = 0; topic < 10; topic++) {
            for (int partition = 0; partition < 1_000; partition++) {
                hashes.add(new TopicPartition("many-" + topic, partition).hashCode());
            }
        }
        assertThat(hashes).hasSize(10_000);
    }

    @Test
    void equalPartitionsHashAlike() {
        assertThat(new TopicPartition("orders", 3)).isEqualTo(new TopicPartition("orders", 3));
        assertThat(new TopicPartition("orders", 3).hashCode()).isEqualTo(new TopicPartition("orders", 3).hashCode());
    }

    @Test
    void dirNameRoundTrips() {
        TopicPartition partition = new TopicPartition("my-topic.v2", 12);
        assertThat(TopicPartition.fromDirName(partition.dirName())).isEqualTo(partition);
    }
}
