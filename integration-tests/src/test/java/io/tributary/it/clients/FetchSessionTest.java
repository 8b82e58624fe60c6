package io.tributary.it.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tributary.it.support.FrameProxy;
import io.tributary.it.support.TestBroker;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.message.FetchRequestData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ByteBufferAccessor;
import org.apache.kafka.common.requests.RequestHeader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Incremental fetch sessions as a real consumer uses them. A proxy parses each Fetch request on the wire, so
 * the test checks what the client sends once the broker has returned a session id.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class FetchSessionTest {

    private static final String TOPIC = "wide";
    private static final int PARTITIONS = 100;

    @TempDir
    Path dataDir;

    /** The session fields and the partition count of one Fetch request. */
    private record FetchSummary(int sessionId, int epoch, int partitionCount) {

        static FetchSummary parse(ByteBuffer frame) {
            RequestHeader header = RequestHeader.parse(frame);
            FetchRequestData data = new FetchRequestData(new ByteBufferAccessor(frame), header.apiVersion());
            int partitionCount = data.topics().stream().mapToInt(topic -> topic.partitions().size()).sum();
            return new FetchSummary(data.sessionId(), data.sessionEpoch(), partitionCount);
        }
    }

    @Test
    void consumerFetchesIncrementallyOnceSessionExists() throws Exception {
        List<FetchSummary> fetches = new CopyOnWriteArrayList<>();
        try (FrameProxy proxy = new FrameProxy(apiKey -> false, frame -> {
                if (frame.getShort(0) == ApiKeys.FETCH.id) {
                    fetches.add(FetchSummary.parse(frame.duplicate()));
                }
            });
             TestBroker broker = TestBroker.start(dataDir,
                     Map.of("advertised.listeners", "PLAINTEXT://127.0.0.1:" + proxy.port()))) {
            proxy.forwardTo(new InetSocketAddress("127.0.0.1", broker.port()));
            try (Admin admin = broker.admin()) {
                admin.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all()
                        .get(15, TimeUnit.SECONDS);
            }
            String viaProxy = "127.0.0.1:" + proxy.port();
            List<TopicPartition> assignment = IntStream.range(0, PARTITIONS)
                    .mapToObj(partition -> new TopicPartition(TOPIC, partition))
                    .toList();

            try (KafkaConsumer<String, String> consumer = broker.consumer(Map.of(
                    ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, viaProxy,
                    ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100));
                 KafkaProducer<String, String> producer = broker.producer()) {
                consumer.assign(assignment);

                // Idle fetches
                await().pollInSameThread().atMost(Duration.ofSeconds(20))
                        .until(() -> pollOnce(consumer).isEmpty() && fetches.size() >= 5);
                List<FetchSummary> idle = List.copyOf(fetches);

                assertThat(idle.get(0).sessionId()).as("session id of the first fetch").isZero();
                assertThat(idle.get(0).epoch()).as("session epoch of the first fetch").isZero();
                assertThat(idle.get(0).partitionCount()).as("partitions in the first fetch").isEqualTo(PARTITIONS);
                int sessionId = idle.get(1).sessionId();
                assertThat(sessionId).as("session id handed out by the broker").isNotZero();
                for (int i = 1; i < idle.size(); i++) {
                    assertThat(idle.get(i).sessionId()).as("session id of fetch %d", i).isEqualTo(sessionId);
                    assertThat(idle.get(i).epoch()).as("session epoch of fetch %d", i).isEqualTo(i);
                }
                for (int i = 2; i < idle.size(); i++) {
                    assertThat(idle.get(i).partitionCount()).as("partitions in fetch %d", i).isLessThan(PARTITIONS);
                }

                // Fetches after one partition received a record
                producer.send(new ProducerRecord<>(TOPIC, 7, "k", "v")).get(15, TimeUnit.SECONDS);
                int fetchesBeforeRecord = fetches.size();
                List<ConsumerRecord<String, String>> received = new ArrayList<>();
                await().pollInSameThread().atMost(Duration.ofSeconds(20)).until(() -> {
                    received.addAll(pollOnce(consumer));
                    return !received.isEmpty() && fetches.size() >= fetchesBeforeRecord + 3;
                });
                List<FetchSummary> afterRecord = List.copyOf(fetches.subList(fetchesBeforeRecord, fetches.size()));

                assertThat(received).extracting(ConsumerRecord::partition).containsExactly(7);
                for (int i = 0; i < afterRecord.size(); i++) {
                    FetchSummary fetch = afterRecord.get(i);
                    assertThat(fetch.sessionId()).as("session id after the record, fetch %d", i).isEqualTo(sessionId);
                    assertThat(fetch.partitionCount()).as("partitions after the record, fetch %d", i)
                            .isLessThanOrEqualTo(2);
                }
            }
        }
    }

    private static List<ConsumerRecord<String, String>> pollOnce(KafkaConsumer<String, String> consumer) {
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        consumer.poll(Duration.ofMillis(100)).forEach(records::add);
        return records;
    }
}
