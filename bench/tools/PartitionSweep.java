import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The many-partitions workload, which Kafka's own performance tools cannot express: creates PARTITIONS
 * partitions, produces one 100-byte record to each partition (acks=all), then fetches all of them with one
 * consumer that is assigned every partition.
 *
 * <p>The partitions are spread over topics TOPIC-0, TOPIC-1, ... of at most {@value #PARTITIONS_PER_TOPIC}
 * partitions each, created with one CreateTopics request per topic. Kafka's controller rejects a single
 * request that would write more than 10,000 metadata records ("Unable to perform excessively large batch
 * operation"), and a topic of 10,000 partitions needs 10,001.
 *
 * <p>Usage: {@code PartitionSweep BOOTSTRAP TOPIC PARTITIONS TIMEOUT_SECONDS}. Prints {@code create_ms},
 * {@code produce_ms} and {@code fetch_ms} as {@code key=value} lines. Create time is the CreateTopics
 * round trip. A broker that creates the partition logs after its CreateTopics response pays for that in the
 * produce time, because the producer retries until every partition has a leader. Exits with status 1 when a step fails or
 * the whole run exceeds the timeout. Each step also prints {@code step NAME START_MS END_MS} on standard error, with
 * its bounds in Unix epoch milliseconds, so that bench/profile can split its recording by step.
 */
public final class PartitionSweep {
    private static final int RECORD_SIZE = 100;
    private static final int PARTITIONS_PER_TOPIC = 1000;

    private PartitionSweep() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: PartitionSweep BOOTSTRAP TOPIC PARTITIONS TIMEOUT_SECONDS");
            System.exit(2);
        }
        String bootstrap = args[0];
        String topic = args[1];
        int partitions = Integer.parseInt(args[2]);
        long deadlineNanos = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[3]));

        List<TopicPartition> layout = new ArrayList<>(partitions);
        for (int index = 0; index < partitions; index++) {
            layout.add(new TopicPartition(topic + "-" + index / PARTITIONS_PER_TOPIC, index % PARTITIONS_PER_TOPIC));
        }

        long createStart = System.currentTimeMillis();
        System.out.println("create_ms=" + createTopics(bootstrap, topic, partitions, deadlineNanos));
        printStep("create", createStart);
        long produceStart = System.currentTimeMillis();
        System.out.println("produce_ms=" + produceOnePerPartition(bootstrap, layout, deadlineNanos));
        printStep("produce", produceStart);
        long fetchStart = System.currentTimeMillis();
        System.out.println("fetch_ms=" + fetchAll(bootstrap, layout, deadlineNanos));
        printStep("fetch", fetchStart);
    }

    /** Prints {@code step NAME START_MS END_MS} on standard error, the bounds in Unix epoch milliseconds. */
    private static void printStep(String name, long startEpochMillis) {
        System.err.println("step " + name + " " + startEpochMillis + " " + System.currentTimeMillis());
    }

    private static long createTopics(String bootstrap, String topic, int partitions, long deadlineNanos)
            throws Exception {
        long start = System.nanoTime();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            for (int first = 0; first < partitions; first += PARTITIONS_PER_TOPIC) {
                int count = Math.min(PARTITIONS_PER_TOPIC, partitions - first);
                NewTopic newTopic = new NewTopic(topic + "-" + first / PARTITIONS_PER_TOPIC, count, (short) 1);
                admin.createTopics(List.of(newTopic))
                        .all()
                        .get(remainingMillis(deadlineNanos), TimeUnit.MILLISECONDS);
            }
        }
        return elapsedMillis(start);
    }

    private static long produceOnePerPartition(String bootstrap, List<TopicPartition> layout, long deadlineNanos)
            throws Exception {
        Map<String, Object> config = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName(),
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        byte[] value = new byte[RECORD_SIZE];
        long start = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config)) {
            List<Future<RecordMetadata>> sends = new ArrayList<>(layout.size());
            for (TopicPartition partition : layout) {
                sends.add(producer.send(new ProducerRecord<>(partition.topic(), partition.partition(), null, value)));
            }
            producer.flush();
            for (Future<RecordMetadata> send : sends) {
                send.get(remainingMillis(deadlineNanos), TimeUnit.MILLISECONDS);
            }
        }
        return elapsedMillis(start);
    }

    private static long fetchAll(String bootstrap, List<TopicPartition> layout, long deadlineNanos) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        Set<TopicPartition> received = new HashSet<>();
        long start = System.nanoTime();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            consumer.assign(layout);
            consumer.seekToBeginning(layout);
            while (received.size() < layout.size()) {
                if (remainingMillis(deadlineNanos) == 0) {
                    throw new IllegalStateException("timed out after fetching records from "
                            + received.size() + " of " + layout.size() + " partitions");
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    received.add(new TopicPartition(record.topic(), record.partition()));
                }
            }
        }
        return elapsedMillis(start);
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }

    private static long elapsedMillis(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
