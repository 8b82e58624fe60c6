package io.tributary.it.support;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Tributary broker in a separate JVM, started through the CLI's {@code server} command with the test's
 * class path, so a test can kill it with SIGKILL and start it again on the same data directory and port.
 */
public final class BrokerProcess implements AutoCloseable {

    private final Path dataDir;
    private final int port;
    private final Path logFile;
    private Process process;
    private int starts;

    /**
     * @param dataDir the data directory, kept across restarts
     * @param port    the listener port, kept across restarts so clients reconnect to the same address
     */
    public BrokerProcess(Path dataDir, int port) {
        this.dataDir = dataDir;
        this.port = port;
        this.logFile = dataDir.resolveSibling(dataDir.getFileName() + "-server.log");
    }

    /** Returns a free port on 127.0.0.1 (free when this method returned, which is enough for tests). */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** Starts the broker and waits until its listener accepts connections. */
    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add("io.tributary.cli.Main");
        command.add("server");
        command.add("--data-dir");
        command.add(dataDir.toString());
        command.add("--set");
        command.add("listeners=PLAINTEXT://127.0.0.1:" + port);
        starts++;
        process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .start();
        awaitListening(Duration.ofSeconds(30));
    }

    /** Kills the broker with SIGKILL, giving it no chance to flush or close anything. */
    public void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** Returns how often the broker was started. */
    public int starts() {
        return starts;
    }

    public File logFile() {
        return logFile.toFile();
    }

    private void awaitListening(Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("broker exited with " + process.exitValue() + " during start-up; see " + logFile);
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IOException("broker did not listen on port " + port + " within " + timeout + "; see " + logFile);
    }

    /** Stops the broker with SIGTERM, which runs its clean shutdown. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
