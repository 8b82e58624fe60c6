package io.tributary.cli;

import io.tributary.server.StartupWarmup;
import java.util.Arrays;
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
        if (isServer(args)) {
            StartupWarmup.start();
        }
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code: 0 on success, 1 on failure, 2 on a usage error. */
    public static int execute(String... args) {
        return commandLine(args).execute(commandArguments(args));
    }

    /**
     * Returns the command line that runs {@code args}. For {@code server} it contains only the server's command,
     * because building the model of every command takes time from the broker's start-up.
     */
    static CommandLine commandLine(String... args) {
        if (isServer(args)) {
            CommandLine server = new CommandLine(new ServerCommand());
            server.setCommandName("tributary server");
            return server;
        }
        return new CommandLine(new Main());
    }

    /** Returns the arguments that {@link #commandLine} parses: without the command name for {@code server}. */
    static String[] commandArguments(String... args) {
        return isServer(args) ? Arrays.copyOfRange(args, 1, args.length) : args;
    }

    private static boolean isServer(String... args) {
        return args.length > 0 && args[0].equals("server");
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
