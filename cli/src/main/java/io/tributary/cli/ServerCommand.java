package io.tributary.cli;

import io.tributary.server.config.ConfigException;
import io.tributary.server.TributaryServer;
import io.tributary.server.config.ConfigLoader;
import io.tributary.server.config.LoadedConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tributary server}: runs the broker in the foreground until SIGTERM or Ctrl-C. */
@Command(name = "server", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Runs a Tributary broker until it receives SIGTERM or SIGINT.",
                "Settings are taken, highest precedence first, from --set and --data-dir, from TRIBUTARY_<NAME> "
                        + "environment variables (dots as underscores, e.g. TRIBUTARY_LOG_DIRS), from the --config "
                        + "file, then from the defaults. See docs/configuration.md."})
final class ServerCommand implements Callable<Integer> {

    private static final Logger log = LoggerFactory.getLogger(ServerCommand.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "Java properties file with broker settings; a Kafka server.properties works.")
    private Path configFile;

    @Option(names = "--set", paramLabel = "NAME=VALUE",
            description = "Sets one broker setting, e.g. --set log.segment.bytes=64MiB, or "
                    + "--set listeners=PLAINTEXT://127.0.0.1:19092 for another port. Repeatable.")
    private Map<String, String> settings = new LinkedHashMap<>();

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Data directory for partitions, offsets and meta.properties; sets log.dirs "
                    + "(default ./tributary-data).")
    private Path dataDir;

    @Override
    public Integer call() throws Exception {
        LoadedConfig loaded;
        try {
            loaded = ConfigLoader.load(configFile, System.getenv(), settings, dataDir);
        } catch (ConfigException e) {
            log.error("[Server] Invalid configuration: {}", e.getMessage());
            return 1;
        }
        loaded.log(log);

        TributaryServer server;
        try {
            server = TributaryServer.builder(loaded.config()).build();
        } catch (IllegalStateException e) {
            log.error("[Server] Start-up failed: {}", e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "tributary-shutdown"));
        try {
            server.start();
        } catch (Exception e) {
            log.error("[Server] Start-up failed: {}", e.getMessage());
            return 1;
        }
        stopped.await();
        return 0;
    }
}
