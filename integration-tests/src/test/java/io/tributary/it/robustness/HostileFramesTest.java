package io.tributary.it.robustness;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.it.support.TestBroker;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends seeded random, truncated and oversized frames on raw sockets while a producer and a consumer on
 * other connections keep working, and checks that neither of them gets an error.
 */
class HostileFramesTest {

    private static final Logger LOG = LoggerFactory.getLogger(HostileFramesTest.class);
    private static final int FRAMES = 10_000;
    private static final String TOPIC = "steady";

    @TempDir
    Path dataDir;

    @Test
    void garbageFramesDoNotDisturbClients() throws Exception {
        long seed = Long.getLong("tributary.hostile.seed", System.nanoTime());
        LOG.info("Hostile frames seed {} (rerun with -Dtributary.hostile.seed={})", seed, seed);

        try (TestBroker broker = TestBroker.start(dataDir)) {
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get();
            }
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicReference<Throwable> clientFailure = new AtomicReference<>();
            AtomicLong produced = new AtomicLong();
            AtomicLong consumed = new AtomicLong();
            Thread traffic = new Thread(() -> steadyTraffic(broker, running, produced, consumed, clientFailure));
            traffic.start();
            try {
                sendOversizedPrefix(broker.port());
                sendGarbage(broker.port(), new Random(seed));
            } finally {
                running.set(false);
                traffic.join(Duration.ofSeconds(60).toMillis());
            }

            assertThat(clientFailure.get()).as("client error (seed %d)", seed).isNull();
            assertThat(produced.get()).as("records produced during the garbage").isPositive();
            assertThat(consumed.get()).as("records consumed during the garbage").isEqualTo(produced.get());
        }
    }

    private static void steadyTraffic(TestBroker broker, AtomicBoolean running, AtomicLong produced,
                                      AtomicLong consumed, AtomicReference<Throwable> failure) {
        TopicPartition partition = new TopicPartition(TOPIC, 0);
        try (KafkaProducer<String, String> producer = broker.producer();
             KafkaConsumer<String, String> consumer = broker.consumer()) {
            consumer.assign(List.of(partition));
            while (running.get()) {
                producer.send(new ProducerRecord<>(TOPIC, "k", "v" + produced.get())).get();
                produced.incrementAndGet();
                consumed.addAndGet(consumer.poll(Duration.ofMillis(20)).count());
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (consumed.get() < produced.get() && System.nanoTime() < deadline) {
                consumed.addAndGet(consumer.poll(Duration.ofMillis(100)).count());
            }
        } catch (Throwable t) {
            failure.compareAndSet(null, t);
        }
    }

    /** A 2 GB size prefix must close the connection without the broker allocating the frame. */
    private static void sendOversizedPrefix(int port) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            DataOutputStream out = new DataOutputStream(socket.getOutputStream());
            out.writeInt(Integer.MAX_VALUE);
            out.write(new byte[] {0, 3, 0, 12, 0, 0, 0, 1});
            out.flush();

            assertThat(readUntilClosed(socket.getInputStream())).as("connection closed after a 2 GB prefix").isTrue();
        }
    }

    private static void sendGarbage(int port, Random random) throws IOException {
        Socket socket = null;
        try {
            for (int i = 0; i < FRAMES; i++) {
                if (socket == null || socket.isClosed()) {
                    socket = new Socket(InetAddress.getLoopbackAddress(), port);
                    socket.setSoTimeout(5);
                }
                byte[] frame = hostileFrame(random);
                try {
                    socket.getOutputStream().write(frame);
                    drain(socket);
                } catch (IOException closedByBroker) {
                    socket.close();
                    continue;
                }
                if (random.nextInt(8) == 0) {
                    socket.close();
                }
            }
        } finally {
            if (socket != null) {
                socket.close();
            }
        }
    }

    /** Returns a frame that is random bytes, a random header with a random body, or a truncated frame. */
    private static byte[] hostileFrame(Random random) {
        int bodySize = random.nextInt(200);
        byte[] body = new byte[bodySize];
        random.nextBytes(body);
        ByteBuffer frame = ByteBuffer.allocate(4 + 8 + bodySize);
        switch (random.nextInt(4)) {
            case 0 -> {
                byte[] all = new byte[frame.capacity()];
                random.nextBytes(all);
                return all;
            }
            case 1 -> frame.putInt(8 + bodySize).putShort((short) random.nextInt(70))
                    .putShort((short) random.nextInt(20)).putInt(random.nextInt()).put(body);
            case 2 -> frame.putInt(8 + bodySize + 1 + random.nextInt(1000)).putShort((short) random.nextInt(70))
                    .putShort((short) random.nextInt(20)).putInt(random.nextInt()).put(body);
            default -> frame.putInt(8 + bodySize).putShort((short) 18).putShort((short) random.nextInt(10))
                    .putInt(random.nextInt()).put(body);
        }
        return frame.array();
    }

    private static void drain(Socket socket) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            if (socket.getInputStream().read(buffer) < 0) {
                socket.close();
            }
        } catch (SocketTimeoutException nothingToRead) {
            // The broker sends nothing for most garbage frames.
        }
    }

    private static boolean readUntilClosed(InputStream in) throws IOException {
        byte[] buffer = new byte[4096];
        try {
            while (in.read(buffer) >= 0) {
                // Discard whatever arrives before the close.
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }
}
