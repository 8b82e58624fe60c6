package io.tributary.compat;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Drives the public kafka-clients API of one class loader through reflection, so that a single test
 * class can run every client version.
 *
 * <p>Only calls present in both kafka-clients 2.1.1 and 4.4.0 are used: the {@code Properties}
 * constructors, {@code send(ProducerRecord)}, {@code subscribe(Collection)}, {@code poll(Duration)},
 * {@code commitSync()}, {@code close(Duration)} on the consumer, {@code AdminClient.create(Properties)},
 * {@code createTopics(Collection)} and the static helpers {@code AppInfoParser.getVersion()},
 * {@code Utils.murmur2(byte[])} and {@code Utils.toPositive(int)}. The one difference is the package of
 * {@code AppInfoParser}, see {@link #clientVersion()}. Not thread-safe.
 *
 * <p>Callers must make the client class loader the thread's context class loader while they use this
 * class, because kafka-clients loads serializers named by class name through the context class loader.
 */
final class ReflectiveClients {

    /** Upper bound for each blocking client call, in milliseconds. */
    static final int CLIENT_TIMEOUT_MS = 10_000;

    /** A consumed record reduced to the fields the tests compare. */
    record Received(int partition, long offset, String key, String value) {
    }

    /** The partition and offset that the broker assigned to a sent record. */
    record Sent(int partition, long offset) {
    }

    private final ClassLoader loader;
    private final String bootstrapServers;

    ReflectiveClients(ClassLoader loader, String bootstrapServers) {
        this.loader = loader;
        this.bootstrapServers = bootstrapServers;
    }

    /** Returns the version string that kafka-clients in this class loader reports about itself. */
    String clientVersion() throws Exception {
        String className;
        try {
            className = "org.apache.kafka.common.utils.AppInfoParser";
            loader.loadClass(className);
        } catch (ClassNotFoundException e) {
            // kafka-clients 4.4.0 has the class in the internals package.
            className = "org.apache.kafka.common.utils.internals.AppInfoParser";
        }
        return (String) invokeStatic(className, "getVersion", new Class<?>[0]);
    }

    /** Computes the partition that the default partitioner picks for a non-null String key. */
    int defaultPartition(String key, int partitionCount) throws Exception {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        int hash = (int) invokeStatic("org.apache.kafka.common.utils.Utils", "murmur2",
                new Class<?>[] {byte[].class}, (Object) bytes);
        int positive = (int) invokeStatic("org.apache.kafka.common.utils.Utils", "toPositive",
                new Class<?>[] {int.class}, hash);
        return positive % partitionCount;
    }

    /** Creates a topic with the Admin client and waits for the result. */
    void createTopic(String topic, int partitions, short replicationFactor) throws Exception {
        Properties props = commonProperties();
        Class<?> adminClass = loader.loadClass("org.apache.kafka.clients.admin.AdminClient");
        Class<?> newTopicClass = loader.loadClass("org.apache.kafka.clients.admin.NewTopic");
        Object newTopic = newTopicClass.getConstructor(String.class, int.class, short.class)
                .newInstance(topic, partitions, replicationFactor);
        Object admin = adminClass.getMethod("create", Properties.class).invoke(null, props);
        try (AutoCloseable closeable = (AutoCloseable) admin) {
            Object result = invoke(adminClass.getMethod("createTopics", Collection.class), admin, List.of(newTopic));
            Class<?> resultClass = loader.loadClass("org.apache.kafka.clients.admin.CreateTopicsResult");
            Future<?> all = (Future<?>) invoke(resultClass.getMethod("all"), result);
            all.get(CLIENT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
        }
    }

    /** Opens a producer with String serializers for keys and values. */
    Producer producer() throws Exception {
        Properties props = commonProperties();
        props.put("key.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("value.serializer", "org.apache.kafka.common.serialization.StringSerializer");
        props.put("acks", "all");
        props.put("max.block.ms", Integer.toString(CLIENT_TIMEOUT_MS));
        props.put("request.timeout.ms", Integer.toString(CLIENT_TIMEOUT_MS / 2));
        props.put("delivery.timeout.ms", Integer.toString(CLIENT_TIMEOUT_MS));
        Class<?> producerClass = loader.loadClass("org.apache.kafka.clients.producer.KafkaProducer");
        Object producer = producerClass.getConstructor(Properties.class).newInstance(props);
        return new Producer(producerClass, producer);
    }

    /**
     * Opens a consumer in {@code groupId} with String deserializers, manual commits and
     * {@code auto.offset.reset=earliest}.
     */
    Consumer consumer(String groupId) throws Exception {
        Properties props = commonProperties();
        props.put("key.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        props.put("value.deserializer", "org.apache.kafka.common.serialization.StringDeserializer");
        props.put("group.id", groupId);
        props.put("auto.offset.reset", "earliest");
        props.put("enable.auto.commit", "false");
        props.put("session.timeout.ms", "6000");
        props.put("heartbeat.interval.ms", "1000");
        props.put("default.api.timeout.ms", Integer.toString(CLIENT_TIMEOUT_MS));
        Class<?> consumerClass = loader.loadClass("org.apache.kafka.clients.consumer.KafkaConsumer");
        Object consumer = consumerClass.getConstructor(Properties.class).newInstance(props);
        return new Consumer(consumerClass, consumer);
    }

    private Properties commonProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        props.put("request.timeout.ms", Integer.toString(CLIENT_TIMEOUT_MS));
        return props;
    }

    private Object invokeStatic(String className, String methodName, Class<?>[] parameterTypes, Object... args)
            throws Exception {
        Method method = loader.loadClass(className).getMethod(methodName, parameterTypes);
        return invoke(method, null, args);
    }

    /** Invokes {@code method} and rethrows the client's own exception in place of the reflection wrapper. */
    private static Object invoke(Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** A KafkaProducer of this class loader. */
    final class Producer implements AutoCloseable {
        private final Class<?> producerClass;
        private final Object producer;

        private Producer(Class<?> producerClass, Object producer) {
            this.producerClass = producerClass;
            this.producer = producer;
        }

        /** Sends one record and waits for the broker's acknowledgement. */
        Sent send(String topic, String key, String value) throws Exception {
            Class<?> recordClass = loader.loadClass("org.apache.kafka.clients.producer.ProducerRecord");
            Constructor<?> constructor = recordClass.getConstructor(String.class, Object.class, Object.class);
            Object record = constructor.newInstance(topic, key, value);
            Future<?> future = (Future<?>) invoke(producerClass.getMethod("send", recordClass), producer, record);
            Object metadata = future.get(CLIENT_TIMEOUT_MS, TimeUnit.MILLISECONDS);
            Class<?> metadataClass = loader.loadClass("org.apache.kafka.clients.producer.RecordMetadata");
            int partition = (int) invoke(metadataClass.getMethod("partition"), metadata);
            long offset = (long) invoke(metadataClass.getMethod("offset"), metadata);
            return new Sent(partition, offset);
        }

        @Override
        public void close() throws Exception {
            ((AutoCloseable) producer).close();
        }
    }

    /** A KafkaConsumer of this class loader. */
    final class Consumer implements AutoCloseable {
        private final Class<?> consumerClass;
        private final Object consumer;

        private Consumer(Class<?> consumerClass, Object consumer) {
            this.consumerClass = consumerClass;
            this.consumer = consumer;
        }

        void subscribe(String topic) throws Exception {
            invoke(consumerClass.getMethod("subscribe", Collection.class), consumer, List.of(topic));
        }

        /** Polls once and returns the records in the order the client delivered them. */
        List<Received> poll(Duration timeout) throws Exception {
            Object records = invoke(consumerClass.getMethod("poll", Duration.class), consumer, timeout);
            Class<?> recordClass = loader.loadClass("org.apache.kafka.clients.consumer.ConsumerRecord");
            Method partition = recordClass.getMethod("partition");
            Method offset = recordClass.getMethod("offset");
            Method key = recordClass.getMethod("key");
            Method value = recordClass.getMethod("value");
            List<Received> received = new ArrayList<>();
            for (Object record : (Iterable<?>) records) {
                received.add(new Received((int) invoke(partition, record), (long) invoke(offset, record),
                        (String) invoke(key, record), (String) invoke(value, record)));
            }
            return received;
        }

        void commitSync() throws Exception {
            invoke(consumerClass.getMethod("commitSync"), consumer);
        }

        @Override
        public void close() throws Exception {
            invoke(consumerClass.getMethod("close", Duration.class), consumer,
                    Duration.ofMillis(CLIENT_TIMEOUT_MS / 2));
        }
    }
}
