package io.tributary.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
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

    /** {@code tributary log dump FILE...}: prints the batches of segment files and the entries of indexes. */
    @Command(name = "dump", mixinStandardHelpOptions = true,
            description = "Prints the record batches of .log segment files and the entries of .index and "
                    + ".timeindex files.")
    static final class Dump implements Callable<Integer> {

        @Spec
        private CommandSpec spec;

        @Parameters(arity = "1..*", paramLabel = "FILE", description = "Segment or index files to print.")
        private List<Path> files;

        @Override
        public Integer call() {
            // TODO: call the storage module's dumper (LogDumper.dump(Path, PrintStream)) once it exists.
            spec.commandLine().getErr().println("log dump: not available in this build of Tributary yet");
            return 1;
        }
    }
}
