package io.tributary.storage.file;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AtomicFileTest {

    @TempDir
    Path dir;

    @Test
    void writeReplacesContentAndSyncsDirectory() throws IOException {
        List<String> calls = new ArrayList<>();
        FileSync recording = new FileSync() {
            @Override
            public void force(FileChannel channel) throws IOException {
                calls.add("force");
                channel.force(false);
            }

            @Override
            public void syncDirectory(Path directory) throws IOException {
                calls.add("sync " + directory.getFileName());
                FileSync.system().syncDirectory(directory);
            }
        };
        AtomicFile file = new AtomicFile(dir.resolve("meta"), recording);

        file.write("one".getBytes(StandardCharsets.UTF_8));
        file.write("two".getBytes(StandardCharsets.UTF_8));

        assertThat(file.read()).hasValueSatisfying(bytes -> assertThat(new String(bytes, StandardCharsets.UTF_8)).isEqualTo("two"));
        assertThat(dir.resolve("meta.tmp")).doesNotExist();
        assertThat(calls).containsExactly("force", "sync " + dir.getFileName(), "force", "sync " + dir.getFileName());
    }

    @Test
    void readOfMissingFileIsEmpty() throws IOException {
        assertThat(new AtomicFile(dir.resolve("absent"), FileSync.system()).read()).isEmpty();
    }
}
