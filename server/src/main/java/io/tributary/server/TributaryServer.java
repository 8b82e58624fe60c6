package io.tributary.server;

import io.tributary.server.config.Endpoint;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.network.NetworkServer;
import io.tributary.server.network.NetworkSettings;
import io.tributary.storage.file.FileSync;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Tributary broker process: data directory, broker and network server, started and stopped in order.
 *
 * <p>Start-up creates the data directory and its {@link MetaProperties}, binds the listeners (port 0 picks
 * a free port, which is then also the advertised port), creates the broker, and only then accepts
 * connections. {@link #close} stops accepting, lets in-flight requests finish within
 * {@link Builder#shutdownGrace}, closes the connections, then closes the broker and its storage.
 *
 * <p>To run one in a test: {@code TributaryServer.builder(ServerConfig.of(Map.of("listeners",
 * "PLAINTEXT://127.0.0.1:0", "log.dirs", dir.toString()))).build().start()}, then connect to
 * {@link #boundPort()}. Thread-safe; {@link #start} and {@link #close} may each be called once.
 */
public final class TributaryServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(TributaryServer.class);

    private final ServerConfig config;
    private final BrokerFactory brokerFactory;
    private final Codec codec;
    private final Duration shutdownGrace;

    private NetworkServer network;
    private Broker broker;
    private MetaProperties meta;
    private List<InetSocketAddress> boundAddresses = List.of();
    private List<Endpoint> advertised = List.of();
    private boolean started;
    private boolean closed;

    private TributaryServer(Builder builder) {
        this.config = builder.config;
        this.brokerFactory = builder.brokerFactory;
        this.codec = builder.codec;
        this.shutdownGrace = builder.shutdownGrace;
    }

    /** Starts building a server for {@code config}, with the default broker and codec. */
    public static Builder builder(ServerConfig config) {
        return new Builder(config);
    }

    /**
     * Starts the server and returns once every listener is bound and accepting.
     *
     * @throws IllegalStateException if called twice
     * @throws Exception             if the data directory, the broker or a listener fails; everything
     *                               started so far is closed again
     */
    public synchronized TributaryServer start() throws Exception {
        if (started) {
            throw new IllegalStateException("Server already started");
        }
        started = true;
        try {
            startComponents();
        } catch (Exception | Error e) {
            log.error("[Server] Start-up failed, closing what was started", e);
            close();
            throw e;
        }
        return this;
    }

    private void startComponents() throws Exception {
        // Open the data directory
        try {
            Files.createDirectories(config.dataDir());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create data directory " + config.dataDir().toAbsolutePath(), e);
        }
        meta = MetaProperties.loadOrCreate(config.dataDir(), config.nodeId());
        log.info("[Server] Data directory {} (cluster.id={}, node.id={})", config.dataDir().toAbsolutePath(),
                meta.clusterId(), meta.nodeId());

        // Bind listeners without accepting
        network = new NetworkServer(NetworkSettings.from(config), codec.decoder(), codec.encoder());
        boundAddresses = network.bind(config.listeners());
        advertised = advertisedWithBoundPorts();

        // Create the broker, then accept
        broker = brokerFactory.create(config, meta, advertised);
        network.startAccepting(broker.dispatcher());
        log.info("[Server] Started node {} of cluster {}, advertising {}", meta.nodeId(), meta.clusterId(),
                advertised);
    }

    /** Replaces port 0 of an advertised endpoint with the port its listener was bound to. */
    private List<Endpoint> advertisedWithBoundPorts() {
        List<Endpoint> result = new ArrayList<>();
        for (int i = 0; i < config.advertisedListeners().size(); i++) {
            Endpoint endpoint = config.advertisedListeners().get(i);
            if (endpoint.port() == 0) {
                endpoint = endpoint.withPort(boundAddresses.get(i).getPort());
            }
            if (endpoint.host().isEmpty() || endpoint.host().equals("0.0.0.0")) {
                endpoint = new Endpoint(endpoint.listenerName(), "127.0.0.1", endpoint.port());
            }
            result.add(endpoint);
        }
        return List.copyOf(result);
    }

    /** Returns the port of the first listener. */
    public synchronized int boundPort() {
        if (boundAddresses.isEmpty()) {
            throw new IllegalStateException("Server not started");
        }
        return boundAddresses.get(0).getPort();
    }

    /** Returns the bound address of every listener, in listener order. */
    public synchronized List<InetSocketAddress> boundAddresses() {
        return boundAddresses;
    }

    /** Returns the endpoints sent to clients, with bound ports filled in. */
    public synchronized List<Endpoint> advertisedListeners() {
        return advertised;
    }

    /** Returns the data directory's identity; available once started. */
    public synchronized MetaProperties meta() {
        return meta;
    }

    /** Returns the configuration the server runs with. */
    public ServerConfig config() {
        return config;
    }

    /**
     * Stops the server: stops accepting, lets in-flight requests finish (bounded by the shutdown grace
     * period), closes connections, then closes the broker and its storage. Idempotent.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        log.info("[Server] Shutting down");
        if (network != null) {
            try {
                network.close(shutdownGrace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                log.warn("[Server] Interrupted while draining connections");
            }
        }
        if (broker != null) {
            try {
                broker.close();
            } catch (Exception e) {
                log.error("[Server] Closing the broker failed", e);
            }
        }
        log.info("[Server] Shut down");
    }

    /** Builds a {@link TributaryServer}. */
    public static final class Builder {

        private final ServerConfig config;
        private BrokerFactory brokerFactory = DefaultWiring.brokerFactory(FileSync.system());
        private Codec codec;
        private Duration shutdownGrace = Duration.ofSeconds(10);

        private Builder(ServerConfig config) {
            this.config = Objects.requireNonNull(config, "config");
        }

        /** Replaces the default broker, e.g. with a fake dispatcher in network tests. */
        public Builder brokerFactory(BrokerFactory factory) {
            this.brokerFactory = Objects.requireNonNull(factory, "factory");
            return this;
        }

        /**
         * Makes the default broker force files and directories through {@code seam}, for tests that count or
         * block forces. Replaces a broker factory set before.
         */
        public Builder fileSync(FileSync seam) {
            this.brokerFactory = DefaultWiring.brokerFactory(Objects.requireNonNull(seam, "seam"));
            return this;
        }

        /** Replaces the default Kafka wire codec. */
        public Builder codec(Codec replacement) {
            this.codec = Objects.requireNonNull(replacement, "replacement");
            return this;
        }

        /** Sets how long shutdown waits for in-flight requests before closing connections; default 10 s. */
        public Builder shutdownGrace(Duration grace) {
            this.shutdownGrace = Objects.requireNonNull(grace, "grace");
            return this;
        }

        /** Builds the server; nothing is started until {@link TributaryServer#start()}. */
        public TributaryServer build() {
            if (codec == null) {
                codec = DefaultWiring.codec();
            }
            return new TributaryServer(this);
        }
    }
}
