package io.tributary.cli;

import io.tributary.server.StartupWarmup;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code tributary} command line: the broker, its operator tools and simple Kafka clients. */
@Command(name = "tributary", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Tributary, an event streaming platform that speaks the Apache Kafka protocol.",
        subcommands = {ServerCommand.class, LogCommand.class, TopicCommand.class, ProduceCommand.class,
                ConsumeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with the command's exit code. */
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals("server")) {
            StartupWarmup.start();
        }
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code: 0 on success, 1 on failure, 2 on a usage error. */
    public static int execute(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
