package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.protocol.message.ApiVersionsResponse;
import java.util.List;
import org.apache.kafka.common.message.ApiMessageType;
import org.apache.kafka.common.message.ApiVersionsResponseData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.junit.jupiter.api.Test;

class ApiVersionTableTest {

    @Test
    void acceptedRangesEqualKafkaBroker() {
        for (ApiKey key : ApiKey.values()) {
            ApiKeys kafka = ApiKeys.forId(key.id());
            ApiVersionTable.VersionRange accepted = ApiVersionTable.accepted(key);

            assertThat(accepted.min()).as("oldest accepted version of %s", key).isEqualTo(kafka.oldestVersion());
            assertThat(accepted.max()).as("latest accepted version of %s", key).isEqualTo(kafka.latestVersion(false));
        }
    }

    @Test
    void acceptedVersionsMatchKafkaVersionCheck() {
        for (ApiKey key : ApiKey.values()) {
            ApiKeys kafka = ApiKeys.forId(key.id());
            for (short version = -1; version <= kafka.latestVersion(true) + 1; version++) {
                if (key == ApiKey.API_VERSIONS && version > kafka.latestVersion(false)) {
                    // Kafka accepts newer ApiVersions requests and replies at v0 (KIP-511), and so does the decoder.
                    continue;
                }
                assertThat(ApiVersionTable.isAccepted(key, version))
                        .as("%s v%s", key, version)
                        .isEqualTo(version >= 0 && kafka.isVersionEnabled(version, false));
            }
        }
    }

    @Test
    void advertisedRangesEqualKafkaBroker() {
        for (ApiKey key : ApiKey.values()) {
            ApiVersionsResponseData.ApiVersion kafka = ApiKeys.forId(key.id())
                    .toApiVersionForApiResponse(false, ApiMessageType.ListenerType.BROKER)
                    .orElseThrow();
            ApiVersionTable.VersionRange advertised = ApiVersionTable.advertised(key);

            assertThat(advertised.min()).as("advertised min of %s", key).isEqualTo(kafka.minVersion());
            assertThat(advertised.max()).as("advertised max of %s", key).isEqualTo(kafka.maxVersion());
        }
    }

    @Test
    void produceAdvertisesVersionZeroButAcceptsFromThree() {
        assertThat(ApiVersionTable.advertised(ApiKey.PRODUCE).min()).isEqualTo((short) 0);
        assertThat(ApiVersionTable.accepted(ApiKey.PRODUCE).min()).isEqualTo((short) 3);
        assertThat(ApiVersionTable.isAccepted(ApiKey.PRODUCE, (short) 2)).isFalse();
    }

    @Test
    void advertisedListHasEveryImplementedKeyOnceInKeyOrder() {
        List<ApiVersionsResponse.ApiVersion> versions = ApiVersionTable.advertisedVersions();

        assertThat(versions).hasSize(ApiKey.values().length);
        assertThat(versions).extracting(ApiVersionsResponse.ApiVersion::apiKey)
                .containsExactly(java.util.Arrays.stream(ApiKey.values()).map(ApiKey::id).sorted().toArray(Short[]::new));
    }
}
