package io.tributary.protocol;

import java.util.Optional;

/**
 * The Kafka APIs that Tributary implements, with their wire ids. An API that is not listed here is
 * neither advertised in ApiVersions nor accepted.
 */
public enum ApiKey {
    PRODUCE(0),
    FETCH(1),
    LIST_OFFSETS(2),
    METADATA(3),
    OFFSET_COMMIT(8),
    OFFSET_FETCH(9),
    FIND_COORDINATOR(10),
    JOIN_GROUP(11),
    HEARTBEAT(12),
    LEAVE_GROUP(13),
    SYNC_GROUP(14),
    API_VERSIONS(18),
    CREATE_TOPICS(19),
    DELETE_TOPICS(20),
    DELETE_RECORDS(21),
    INIT_PRODUCER_ID(22),
    OFFSET_FOR_LEADER_EPOCH(23),
    DESCRIBE_CONFIGS(32),
    CREATE_PARTITIONS(37),
    DESCRIBE_CLUSTER(60),
    DESCRIBE_GROUPS(15),
    LIST_GROUPS(16),
    DELETE_GROUPS(42),
    OFFSET_DELETE(47),
    DESCRIBE_ACLS(29),
    ALTER_CONFIGS(33),
    INCREMENTAL_ALTER_CONFIGS(44);

    private final short id;

    ApiKey(int id) {
        this.id = (short) id;
    }

    public short id() {
        return id;
    }

    /** Returns the implemented API with this wire id, or empty for an id Tributary does not implement. */
    public static Optional<ApiKey> forId(short id) {
        for (ApiKey key : values()) {
            if (key.id == id) {
                return Optional.of(key);
            }
        }
        return Optional.empty();
    }
}
