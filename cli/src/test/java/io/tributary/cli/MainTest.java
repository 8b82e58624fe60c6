package io.tributary.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.storage.record.RecordBatchBuilder;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = Main.commandLine(args);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(out));
        return commandLine.execute(Main.commandArguments(args));
    }

    @Test
    void serverWithUnknownSettingFails() {
        assertThat(run("server", "--data-dir", dir.toString(), "--set", "log.segmnt.bytes=1")).isEqualTo(1);
        assertThat(dir.resolve("meta.properties")).doesNotExist();
    }

    @Test
    void serverWithInvalidValueFails() {
        assertThat(run("server", "--data-dir", dir.toString(), "--set", "num.partitions=0")).isEqualTo(1);
    }

    @Test
    void serverWithMissingConfigFileFails() {
        assertThat(run("server", "--config", dir.resolve("missing.properties").toString())).isEqualTo(1);
    }

    @Test
    void serverHelpListsOptions() {
        assertThat(run("server", "--help")).isZero();
        assertThat(out.toString()).contains("--config", "--set", "--data-dir", "TRIBUTARY_");
    }

    @Test
    void serverHelpNamesTheFullCommand() {
        assertThat(run("server", "--help")).isZero();
        assertThat(out.toString()).startsWith("Usage: tributary server ");
    }

    @Test
    void serverVersionPrintsTheVersion() {
        assertThat(run("server", "--version")).isZero();
        assertThat(out.toString()).startsWith("tributary ");
    }

    @Test
    void serverUnknownOptionIsUsageError() {
        assertThat(run("server", "--bogus")).isEqualTo(2);
    }

    @Test
    void unknownCommandIsUsageError() {
        assertThat(run("serve")).isEqualTo(2);
    }

    @Test
    void logDumpMissingFileFails() {
        assertThat(run("log", "dump", dir.resolve("00000000000000000000.log").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("cannot read");
    }

    @Test
    void logDumpPrintsBatchCodec() throws Exception {
        Path segment = dir.resolve("00000000000000000000.log");
        ByteBuffer batch = new RecordBatchBuilder().add(1_000L, "key", "value").build();
        Files.write(segment, bytes(batch));

        assertThat(run("log", "dump", "--print-records", segment.toString())).isZero();
        assertThat(out.toString()).contains("baseOffset: 0", "count: 1", "compresscodec: none", "isvalid: true",
                "key: key payload: value");
    }

    @Test
    void logDumpRejectsIndexFile() {
        assertThat(run("log", "dump", dir.resolve("00000000000000000000.index").toString())).isEqualTo(1);
        assertThat(out.toString()).contains("not a segment file");
    }

    @Test
    void clientCommandsShowBootstrapDefault() {
        assertThat(run("topic", "list", "--help")).isZero();
        assertThat(out.toString()).contains("--bootstrap-server", "127.0.0.1:9092");
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }
}
