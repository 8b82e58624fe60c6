package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.server.config.ConfigException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetaPropertiesTest {

    @TempDir
    Path dataDir;

    @Test
    void clusterIdIsCreatedOnceAndReused() {
        MetaProperties first = MetaProperties.loadOrCreate(dataDir, 1);
        MetaProperties second = MetaProperties.loadOrCreate(dataDir, 1);

        assertThat(first.clusterId()).hasSize(22).matches("[A-Za-z0-9_-]{22}");
        assertThat(second.clusterId()).isEqualTo(first.clusterId());
        assertThat(dataDir.resolve(MetaProperties.FILE_NAME)).exists();
        assertThat(dataDir.resolve(MetaProperties.FILE_NAME + ".tmp")).doesNotExist();
    }

    @Test
    void newClusterIdsDiffer() {
        assertThat(MetaProperties.newClusterId()).isNotEqualTo(MetaProperties.newClusterId());
    }

    @Test
    void fileStoresClusterIdAndNodeId() throws IOException {
        MetaProperties meta = MetaProperties.loadOrCreate(dataDir, 4);

        String content = Files.readString(dataDir.resolve(MetaProperties.FILE_NAME));

        assertThat(content).contains("cluster.id=" + meta.clusterId()).contains("node.id=4").contains("version=1");
    }

    @Test
    void otherNodeIdIsRejected() {
        MetaProperties.loadOrCreate(dataDir, 1);

        assertThatThrownBy(() -> MetaProperties.loadOrCreate(dataDir, 2))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("node.id 2")
                .hasMessageContaining("node.id 1");
    }

    @Test
    void corruptFileIsReported() throws IOException {
        Files.writeString(dataDir.resolve(MetaProperties.FILE_NAME), "version=1\nnode.id=1\n");

        assertThatThrownBy(() -> MetaProperties.loadOrCreate(dataDir, 1))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining(MetaProperties.FILE_NAME)
                .hasRootCauseMessage("Invalid " + dataDir.resolve(MetaProperties.FILE_NAME) + ": missing cluster.id");
    }
}
