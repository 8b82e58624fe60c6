package io.tributary.cli;

import io.tributary.storage.tools.LogDump;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code tributary log}: tools for the files in a data directory. */
@Command(name = "log", mixinStandardHelpOptions = true, description = "Inspects Tributary's data files.",
        subcommands = LogCommand.Dump.class)
final class LogCommand implements Runnable {

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code tributary log dump FILE...}: prints the record batches of segment files. */
    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = "Prints the record batches of .log segment files: offsets, producer id, sequence, "
                    + "codec, timestamps, size and whether the CRC matches.")
    static final class Dump implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Segment files (.log) to print.")
        private List<Path> files;

        @Option(names = "--print-records",
                description = "Also prints each record (offset, timestamp, key, value) of uncompressed batches.")
        private boolean printRecords;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter err = spec.commandLine().getErr();
            int exitCode = 0;
            for (Path file : files) {
                if (!file.getFileName().toString().endsWith(".log")) {
                    err.println("log dump: " + file + " is not a segment file; name a file ending in .log");
                    exitCode = 1;
                    continue;
                }
                try {
                    LogDump.dump(file, printRecords, out);
                } catch (IOException e) {
                    err.println("log dump: cannot read " + file + ": " + e.getMessage());
                    exitCode = 1;
                }
            }
            out.flush();
            return exitCode;
        }
    }
}
