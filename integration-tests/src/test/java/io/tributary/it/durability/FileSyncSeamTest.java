package io.tributary.it.durability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.server.TributaryServer;
import io.tributary.server.config.ServerConfig;
import io.tributary.storage.file.FileSync;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Produce acknowledgements and the file-sync seam: a produce response leaves only after storage forced the
 * batch, and concurrent producers share forces (group commit).
 */
class FileSyncSeamTest {

    private static final String TOPIC = "synced";

    @TempDir
    Path dataDir;

    /** Forces through the operating system, counting each call and optionally holding it until released. */
    private static final class ControlledSync implements FileSync {
        final AtomicInteger forces = new AtomicInteger();
        volatile CountDownLatch gate = new CountDownLatch(0);
        volatile long delayMs;

        @Override
        public void force(FileChannel channel) throws IOException {
            forces.incrementAndGet();
            try {
                gate.await();
                if (delayMs > 0) {
                    Thread.sleep(delayMs);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while held", e);
            }
            FileSync.system().force(channel);
        }

        @Override
        public void syncDirectory(Path directory) throws IOException {
            FileSync.system().syncDirectory(directory);
        }
    }

    private TributaryServer start(ControlledSync sync) throws Exception {
        Map<String, String> settings = Map.of("listeners", "PLAINTEXT://127.0.0.1:0", "log.dirs", dataDir.toString());
        TributaryServer server = TributaryServer.builder(ServerConfig.of(settings)).fileSync(sync).build().start();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + server.boundPort());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
        }
        return server;
    }

    private static KafkaProducer<String, String> producer(TributaryServer server) {
        Map<String, Object> props = new HashMap<>();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + server.boundPort());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 30_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 60_000);
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    @Test
    void blockedForceHoldsProduceResponse() throws Exception {
        ControlledSync sync = new ControlledSync();
        try (TributaryServer server = start(sync);
             KafkaProducer<String, String> producer = producer(server)) {
            producer.send(new ProducerRecord<>(TOPIC, "k", "warm-up")).get();
            CountDownLatch gate = new CountDownLatch(1);
            sync.gate = gate;
            int forcesBefore = sync.forces.get();

            Future<RecordMetadata> held = producer.send(new ProducerRecord<>(TOPIC, "k", "held"));

            await().atMost(Duration.ofSeconds(10)).until(() -> sync.forces.get() > forcesBefore);
            await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> !held.isDone());
            gate.countDown();
            assertThat(held.get(10, TimeUnit.SECONDS).offset()).isEqualTo(1L);
        }
    }

    @Test
    void concurrentProducersShareForces() throws Exception {
        ControlledSync sync = new ControlledSync();
        sync.delayMs = 2;
        int producers = 8;
        int recordsEach = 100;
        try (TributaryServer server = start(sync)) {
            List<KafkaProducer<String, String>> clients = new ArrayList<>();
            for (int i = 0; i < producers; i++) {
                clients.add(producer(server));
                clients.get(i).send(new ProducerRecord<>(TOPIC, "k", "warm-up")).get();
            }
            ExecutorService pool = Executors.newFixedThreadPool(producers);
            try {
                int forcesBefore = sync.forces.get();
                List<Future<?>> tasks = new ArrayList<>();
                for (KafkaProducer<String, String> client : clients) {
                    tasks.add(pool.submit(() -> {
                        for (int r = 0; r < recordsEach; r++) {
                            client.send(new ProducerRecord<>(TOPIC, "k", "v" + r)).get();
                        }
                        return null;
                    }));
                }
                for (Future<?> task : tasks) {
                    task.get(120, TimeUnit.SECONDS);
                }
                int forces = sync.forces.get() - forcesBefore;
                int produceRequests = producers * recordsEach;

                assertThat(forces).as("forces for %d produce requests", produceRequests).isPositive();
                assertThat(forces).as("forces for %d produce requests", produceRequests)
                        .isLessThan(produceRequests / 2);
            } finally {
                pool.shutdownNow();
                clients.forEach(KafkaProducer::close);
            }
        }
    }
}
