package io.tributary.compat.support;

/**
 * The clients and tools of the compatibility matrix, in column order. Each uses a client id starting
 * with {@link #clientIdPrefix()} so that Tributary's request log can attribute each request to one client.
 */
public enum Client {
    JAVA_2_1("Java 2.1.1", "compat-java-2.1.1"),
    JAVA_2_8("Java 2.8.2", "compat-java-2.8.2"),
    JAVA_3_9("Java 3.9.1", "compat-java-3.9.1"),
    JAVA_4_4("Java 4.4.0", "compat-java-4.4.0"),
    KCAT("kcat (librdkafka 2.0.2)", "compat-kcat"),
    KAFKAJS("KafkaJS 2.2.4", "compat-kafkajs"),
    KAFKA_TOOLS("Kafka 4.4 tools", "compat-tools");

    private final String displayName;
    private final String clientIdPrefix;

    Client(String displayName, String clientIdPrefix) {
        this.displayName = displayName;
        this.clientIdPrefix = clientIdPrefix;
    }

    /** Returns the column heading, for example {@code Java 2.8.2}. */
    public String displayName() {
        return displayName;
    }

    /** Returns the start of every client id this client sends, unique in the suite. */
    public String clientIdPrefix() {
        return clientIdPrefix;
    }

    /** Returns the column of kafka-clients {@code version}, for example {@code 3.9.1}. */
    public static Client java(String version) {
        for (Client client : values()) {
            if (client.clientIdPrefix.equals("compat-java-" + version)) {
                return client;
            }
        }
        throw new IllegalArgumentException("no Java client " + version + " in the matrix");
    }
}
