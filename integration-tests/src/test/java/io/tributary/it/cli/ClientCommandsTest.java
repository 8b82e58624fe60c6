package io.tributary.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.cli.Main;
import io.tributary.it.support.TestBroker;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI's client commands with their default options against a running broker. */
class ClientCommandsTest {

    @TempDir
    Path dataDir;

    private final StringWriter out = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(out, true));
        return commandLine.execute(args);
    }

    @Test
    void produceAndConsumeWithDefaults() throws Exception {
        try (TestBroker broker = TestBroker.start(dataDir)) {
            String bootstrap = broker.bootstrapServers();
            assertThat(run("topic", "create", "--bootstrap-server", bootstrap, "--partitions", "3", "lines"))
                    .as("topic create output: %s", out).isZero();

            InputStream stdin = System.in;
            try {
                System.setIn(new ByteArrayInputStream("one\ntwo\nthree\n".getBytes(StandardCharsets.UTF_8)));
                assertThat(run("produce", "--bootstrap-server", bootstrap, "--topic", "lines"))
                        .as("produce output: %s", out).isZero();
            } finally {
                System.setIn(stdin);
            }

            out.getBuffer().setLength(0);
            assertThat(run("consume", "--bootstrap-server", bootstrap, "--topic", "lines", "--from-beginning",
                    "--max-messages", "3")).as("consume output: %s", out).isZero();
            assertThat(out.toString().lines()).contains("one", "two", "three");
        }
    }
}
