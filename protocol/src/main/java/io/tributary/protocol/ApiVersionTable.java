package io.tributary.protocol;

import io.tributary.protocol.message.ApiVersionsResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The versions of each implemented API that Tributary accepts and the versions it advertises in
 * ApiVersions. Both ranges equal those of an Apache Kafka 4.4.0 broker (kafka-clients 4.4.0
 * {@code ApiKeys}: accepted is {@code oldestVersion()..latestVersion(false)}, advertised is
 * {@code toApiVersionForApiResponse(false, BROKER)}); a test compares every entry with kafka-clients.
 *
 * <p>The two ranges differ where Kafka 4.4 differs: Produce accepts 3-13 but advertises 0-13, because
 * librdkafka disables compression when a broker does not advertise Produce v0. The table is fixed in
 * code rather than read from kafka-clients so that a newer kafka-clients cannot make the broker accept
 * a version whose fields the request mapping does not know. Immutable and thread-safe.
 */
public final class ApiVersionTable {

    /** An inclusive range of API versions. */
    public record VersionRange(short min, short max) {

        public VersionRange {
            if (min < 0 || max < min) {
                throw new IllegalArgumentException("invalid version range " + min + ".." + max);
            }
        }

        public boolean contains(short version) {
            return version >= min && version <= max;
        }
    }

    private record Entry(VersionRange accepted, VersionRange advertised) {
    }

    private static final Map<ApiKey, Entry> TABLE = new EnumMap<>(ApiKey.class);

    static {
        put(ApiKey.PRODUCE, 3, 13, 0, 13);
        put(ApiKey.FETCH, 4, 18);
        put(ApiKey.LIST_OFFSETS, 1, 11);
        put(ApiKey.METADATA, 0, 13);
        put(ApiKey.OFFSET_COMMIT, 2, 10);
        put(ApiKey.OFFSET_FETCH, 1, 10);
        put(ApiKey.FIND_COORDINATOR, 0, 6);
        put(ApiKey.JOIN_GROUP, 0, 9);
        put(ApiKey.HEARTBEAT, 0, 4);
        put(ApiKey.LEAVE_GROUP, 0, 5);
        put(ApiKey.SYNC_GROUP, 0, 5);
        put(ApiKey.API_VERSIONS, 0, 5);
        put(ApiKey.CREATE_TOPICS, 2, 7);
        put(ApiKey.DELETE_TOPICS, 1, 6);
        put(ApiKey.DELETE_RECORDS, 0, 2);
        // Version 6 (two-phase commit) is unstable in kafka-clients 4.4.0, so neither accepted nor advertised.
        put(ApiKey.INIT_PRODUCER_ID, 0, 5);
        put(ApiKey.OFFSET_FOR_LEADER_EPOCH, 2, 4);
        put(ApiKey.DESCRIBE_CONFIGS, 1, 4);
        put(ApiKey.CREATE_PARTITIONS, 0, 3);
        put(ApiKey.DESCRIBE_CLUSTER, 0, 2);
        put(ApiKey.DESCRIBE_GROUPS, 0, 6);
        put(ApiKey.LIST_GROUPS, 0, 5);
        put(ApiKey.DELETE_GROUPS, 0, 3);
        put(ApiKey.OFFSET_DELETE, 0, 0);
        put(ApiKey.DESCRIBE_ACLS, 1, 3);
        put(ApiKey.ALTER_CONFIGS, 0, 2);
        put(ApiKey.INCREMENTAL_ALTER_CONFIGS, 0, 1);
        for (ApiKey key : ApiKey.values()) {
            if (!TABLE.containsKey(key)) {
                throw new ExceptionInInitializerError("no version range for " + key);
            }
        }
    }

    private static final List<ApiVersionsResponse.ApiVersion> ADVERTISED = buildAdvertised();

    private ApiVersionTable() {
    }

    private static void put(ApiKey key, int min, int max) {
        put(key, min, max, min, max);
    }

    private static void put(ApiKey key, int acceptedMin, int acceptedMax, int advertisedMin, int advertisedMax) {
        TABLE.put(key, new Entry(new VersionRange((short) acceptedMin, (short) acceptedMax),
                new VersionRange((short) advertisedMin, (short) advertisedMax)));
    }

    private static List<ApiVersionsResponse.ApiVersion> buildAdvertised() {
        List<ApiVersionsResponse.ApiVersion> versions = new ArrayList<>();
        for (ApiKey key : ApiKey.values()) {
            VersionRange range = TABLE.get(key).advertised();
            versions.add(new ApiVersionsResponse.ApiVersion(key.id(), range.min(), range.max()));
        }
        // The enum lists later additions at its end, so sort to keep the response ordered by key.
        versions.sort(Comparator.comparingInt(ApiVersionsResponse.ApiVersion::apiKey));
        return Collections.unmodifiableList(versions);
    }

    /** Returns the versions of {@code key} that the request decoder accepts. */
    public static VersionRange accepted(ApiKey key) {
        return TABLE.get(key).accepted();
    }

    /** Returns the versions of {@code key} listed in the ApiVersions response. */
    public static VersionRange advertised(ApiKey key) {
        return TABLE.get(key).advertised();
    }

    public static boolean isAccepted(ApiKey key, short version) {
        return accepted(key).contains(version);
    }

    /** Returns the advertised range of every implemented API, in the order of {@link ApiKey}. */
    public static List<ApiVersionsResponse.ApiVersion> advertisedVersions() {
        return ADVERTISED;
    }
}
