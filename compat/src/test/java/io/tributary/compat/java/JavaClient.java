package io.tributary.compat.java;

import io.tributary.compat.support.Client;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * One kafka-clients version in its own class loader, driven through the static methods of
 * {@code io.tributary.compat.driver.JavaClientDriver} that the loader defines next to the client. Each call
 * makes the loader the thread's context class loader for its duration, because kafka-clients loads the
 * classes named in its configuration through it.
 *
 * <p>Records are the driver's maps: see its Javadoc for the keys. Exceptions are the client's own.
 * Not thread-safe.
 */
final class JavaClient implements AutoCloseable {

    static final String PARTITION = "partition";
    static final String OFFSET = "offset";
    static final String TIMESTAMP = "timestamp";
    static final String KEY = "key";
    static final String VALUE = "value";
    static final String HEADERS = "headers";

    /** Upper bound for the client settings that bound a blocking call, in milliseconds. */
    static final int CLIENT_TIMEOUT_MS = 10_000;

    private static final String DRIVER_CLASS = "io.tributary.compat.driver.JavaClientDriver";

    private final String version;
    private final Client column;
    private final URLClassLoader loader;
    private final Class<?> driver;

    private JavaClient(String version, URLClassLoader loader) throws ClassNotFoundException {
        this.version = version;
        this.column = Client.java(version);
        this.loader = loader;
        this.driver = loader.loadClass(DRIVER_CLASS);
    }

    /** Opens kafka-clients {@code version} from the jars the build copied for it. */
    static JavaClient open(String version) throws ClassNotFoundException {
        return new JavaClient(version, ClientClassLoaders.forVersion(version));
    }

    String version() {
        return version;
    }

    /** The matrix column of this version. */
    Client column() {
        return column;
    }

    /** Builds the client id of one scenario: the column's prefix, a dash and the scenario. */
    String clientId(String scenario) {
        return column.clientIdPrefix() + "-" + scenario;
    }

    /** Settings every client of a scenario gets: bootstrap address, client id and bounded timeouts. */
    Map<String, Object> baseConfig(String bootstrapServers, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put("bootstrap.servers", bootstrapServers);
        config.put("client.id", clientId);
        config.put("request.timeout.ms", CLIENT_TIMEOUT_MS);
        return config;
    }

    /** Producer settings: acks=all, no batching delay, every wait bounded by {@link #CLIENT_TIMEOUT_MS}. */
    Map<String, Object> producerConfig(String bootstrapServers, String clientId) {
        Map<String, Object> config = baseConfig(bootstrapServers, clientId);
        config.put("acks", "all");
        config.put("linger.ms", 0);
        config.put("max.block.ms", CLIENT_TIMEOUT_MS);
        config.put("request.timeout.ms", CLIENT_TIMEOUT_MS / 2);
        config.put("delivery.timeout.ms", CLIENT_TIMEOUT_MS);
        return config;
    }

    /**
     * Consumer settings: manual commits, the classic group protocol (the default of every version here),
     * the given {@code auto.offset.reset} and, when {@code groupId} is not null, that group.
     */
    Map<String, Object> consumerConfig(String bootstrapServers, String clientId, String groupId, String reset) {
        Map<String, Object> config = baseConfig(bootstrapServers, clientId);
        if (groupId != null) {
            config.put("group.id", groupId);
        }
        config.put("auto.offset.reset", reset);
        config.put("enable.auto.commit", "false");
        config.put("session.timeout.ms", 6000);
        config.put("heartbeat.interval.ms", 1000);
        config.put("default.api.timeout.ms", CLIENT_TIMEOUT_MS);
        return config;
    }

    String clientVersion() throws Exception {
        return (String) call("clientVersion");
    }

    @SuppressWarnings("unchecked")
    Map<String, Integer> maxApiVersions() throws Exception {
        return (Map<String, Integer>) call("maxApiVersions");
    }

    /** Describes {@code error} as the client's exception simple class name, a slash and its error code name. */
    String describeError(Throwable error) throws Exception {
        Throwable cause = error instanceof ExecutionException && error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + "/" + call("errorName", new Class<?>[] {Throwable.class}, cause);
    }

    void createTopic(String bootstrapServers, String clientId, String topic, int partitions,
            Map<String, String> topicConfigs) throws Exception {
        call("createTopic", new Class<?>[] {Map.class, String.class, int.class, Map.class},
                baseConfig(bootstrapServers, clientId), topic, partitions, topicConfigs);
    }

    void deleteTopic(String bootstrapServers, String clientId, String topic) throws Exception {
        call("deleteTopic", new Class<?>[] {Map.class, String.class}, baseConfig(bootstrapServers, clientId), topic);
    }

    @SuppressWarnings("unchecked")
    List<Map<String, Object>> produce(Map<String, Object> config, String topic, List<Map<String, Object>> records)
            throws Exception {
        return (List<Map<String, Object>>) call("produce", new Class<?>[] {Map.class, String.class, List.class},
                config, topic, records);
    }

    /** Opens a consumer; close it with {@link Consumer#close()}. */
    Consumer consumer(Map<String, Object> config) throws Exception {
        return new Consumer(call("openConsumer", new Class<?>[] {Map.class}, config));
    }

    /** A KafkaConsumer of this class loader. */
    final class Consumer implements AutoCloseable {
        private final Object handle;

        private Consumer(Object handle) {
            this.handle = handle;
        }

        void assign(String topic, List<Integer> partitions) throws Exception {
            call("assign", new Class<?>[] {Object.class, String.class, List.class}, handle, topic, partitions);
        }

        void seek(String topic, int partition, long offset) throws Exception {
            call("seek", new Class<?>[] {Object.class, String.class, int.class, long.class}, handle, topic,
                    partition, offset);
        }

        void subscribe(String topic) throws Exception {
            call("subscribe", new Class<?>[] {Object.class, String.class}, handle, topic);
        }

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> poll(long timeoutMs) throws Exception {
            return (List<Map<String, Object>>) call("poll", new Class<?>[] {Object.class, long.class}, handle,
                    timeoutMs);
        }

        double fetchCount() throws Exception {
            return (double) call("fetchCount", new Class<?>[] {Object.class}, handle);
        }

        void commitSync() throws Exception {
            call("commitSync", new Class<?>[] {Object.class}, handle);
        }

        long position(String topic, int partition) throws Exception {
            return (long) call("position", new Class<?>[] {Object.class, String.class, int.class}, handle, topic,
                    partition);
        }

        Long offsetForTime(String topic, int partition, long timestamp) throws Exception {
            return (Long) call("offsetForTime", new Class<?>[] {Object.class, String.class, int.class, long.class},
                    handle, topic, partition, timestamp);
        }

        @Override
        public void close() throws Exception {
            call("closeConsumer", new Class<?>[] {Object.class}, handle);
        }
    }

    /** Encodes {@code text} as UTF-8, keeping null. */
    static byte[] bytes(String text) {
        return text == null ? null : text.getBytes(StandardCharsets.UTF_8);
    }

    /** Decodes UTF-8 {@code bytes}, keeping null. */
    static String text(Object bytes) {
        return bytes == null ? null : new String((byte[]) bytes, StandardCharsets.UTF_8);
    }

    private Object call(String method) throws Exception {
        return call(method, new Class<?>[0]);
    }

    private Object call(String methodName, Class<?>[] parameterTypes, Object... args) throws Exception {
        Method method = driver.getMethod(methodName, parameterTypes);
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return method.invoke(null, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception exception) {
                throw exception;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    @Override
    public void close() throws Exception {
        loader.close();
    }
}
