package io.tributary.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.buffer.Unpooled;
import io.tributary.broker.RequestDispatcher;
import io.tributary.protocol.ApiKey;
import io.tributary.server.config.Endpoint;
import io.tributary.server.config.ServerConfig;
import io.tributary.server.network.FakeNetwork;
import io.tributary.server.network.TestClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TributaryServerTest {

    @TempDir
    Path dataDir;

    private final FakeNetwork fake = new FakeNetwork();
    private final AtomicBoolean brokerClosed = new AtomicBoolean();
    private TributaryServer server;

    private TributaryServer start(Map<String, String> extra) throws Exception {
        Map<String, String> settings = new HashMap<>(Map.of("listeners", "PLAINTEXT://127.0.0.1:0",
                "log.dirs", dataDir.toString(), "num.network.threads", "2"));
        settings.putAll(extra);
        server = TributaryServer.builder(ServerConfig.of(settings))
                .codec(fake.codec())
                .brokerFactory((config, meta, advertised) -> new Broker() {
                    @Override
                    public RequestDispatcher dispatcher() {
                        return fake.dispatcher();
                    }

                    @Override
                    public void close() {
                        brokerClosed.set(true);
                    }
                })
                .shutdownGrace(Duration.ofSeconds(5))
                .build()
                .start();
        return server;
    }

    @AfterEach
    void closeServer() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void pipelinedResponsesArriveInRequestOrder() throws Exception {
        start(Map.of());
        try (TestClient client = new TestClient(server.boundPort())) {
            for (int id = 1; id <= 5; id++) {
                client.send(FakeNetwork.request(ApiKey.API_VERSIONS, id));
            }
            await().until(() -> fake.dispatched().size() == 5);

            CompletableFuture.runAsync(() -> {
                for (int id = 5; id >= 1; id--) {
                    fake.completeOk(id);
                }
            });

            for (int id = 1; id <= 5; id++) {
                assertThat(client.readResponse()[0]).isEqualTo(id);
            }
        }
        assertThat(fake.dispatched()).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void oversizeFramePrefixClosesConnection() throws Exception {
        start(Map.of("socket.request.max.bytes", "1024"));
        try (TestClient client = new TestClient(server.boundPort())) {
            client.send(Unpooled.buffer().writeInt(2_000_000_000).writeLong(1));

            assertThat(client.awaitClosedByServer()).isTrue();
        }
        assertThat(fake.dispatched()).isEmpty();
    }

    @Test
    void idleConnectionIsClosed() throws Exception {
        start(Map.of("connections.max.idle.ms", "200"));
        try (TestClient client = new TestClient(server.boundPort())) {
            assertThat(client.awaitClosedByServer()).isTrue();
        }
    }

    @Test
    void rejectedFrameClosesConnection() throws Exception {
        start(Map.of());
        try (TestClient client = new TestClient(server.boundPort())) {
            client.send(FakeNetwork.raw((short) 999, (short) 0, 1));

            assertThat(client.awaitClosedByServer()).isTrue();
        }
    }

    @Test
    void closeLetsInFlightRequestFinish() throws Exception {
        start(Map.of());
        try (TestClient client = new TestClient(server.boundPort())) {
            client.send(FakeNetwork.request(ApiKey.API_VERSIONS, 1));
            await().until(() -> fake.dispatched().size() == 1);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
            await().pollDelay(Duration.ofMillis(100)).until(() -> true);
            assertThat(closing).isNotDone();
            fake.completeOk(1);

            assertThat(client.readResponse()[0]).isEqualTo(1);
            closing.get();
            assertThat(client.awaitClosedByServer()).isTrue();
        }
        assertThat(brokerClosed).isTrue();
    }

    @Test
    void closeStopsAccepting() throws Exception {
        int port = start(Map.of()).boundPort();

        server.close();

        assertThatThrownBy(() -> new TestClient(port).close()).isInstanceOf(IOException.class);
        assertThat(brokerClosed).isTrue();
    }

    @Test
    void advertisedPortIsBoundPortWhenConfiguredZero() throws Exception {
        start(Map.of());

        assertThat(server.boundPort()).isPositive();
        assertThat(server.advertisedListeners())
                .containsExactly(new Endpoint("PLAINTEXT", "127.0.0.1", server.boundPort()));
    }

    @Test
    void restartKeepsClusterId() throws Exception {
        String clusterId = start(Map.of()).meta().clusterId();
        server.close();

        String restarted = start(Map.of()).meta().clusterId();

        assertThat(restarted).isEqualTo(clusterId);
    }

    @Test
    void startFailsWhenPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            String listener = "PLAINTEXT://127.0.0.1:" + taken.getLocalPort();

            assertThatThrownBy(() -> start(Map.of("listeners", listener)))
                    .hasMessageContaining(listener);
        }
        assertThat(brokerClosed).isFalse();
    }
}
