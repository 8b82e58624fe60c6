package io.tributary.it.compat;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiVersionTable;
import io.tributary.protocol.ApiVersionTable.VersionRange;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.common.message.ApiVersionsResponseData.ApiVersion;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.Errors;

/**
 * Renders docs/api-versions.md: Tributary's accepted and advertised version ranges next to those of the
 * Kafka 4.4 reference broker, from the ApiVersions responses of one test run. The output depends only on
 * those responses and on the code, never on the time or the ports, so a committed copy can be compared
 * byte for byte.
 */
final class ApiVersionsDocument {

    private ApiVersionsDocument() {
    }

    /**
     * @param kafkaAdvertised      the API list of the reference broker's ApiVersions v3 response
     * @param unknownVersionResponse Tributary's v0 response to ApiVersions at {@code unknownVersion}, which the
     *                             test has found equal to Kafka's
     */
    static String render(List<ApiVersion> kafkaAdvertised, short unknownVersion, UnknownVersionResponse unknownVersionResponse) {
        StringBuilder text = new StringBuilder();
        text.append("# API versions\n\n");
        text.append("The Kafka APIs that Tributary implements, with the versions it accepts and advertises, next to\n");
        text.append("an Apache Kafka 4.4.0 broker (single node, KRaft, started by `kafka-ref/broker`).\n\n");
        text.append("`ApiVersionsCompatibilityTest` in `integration-tests` writes this page to\n");
        text.append("`integration-tests/target/api-versions.md` from the ApiVersions responses of both brokers, and fails\n");
        text.append("when this copy differs. After a deliberate change, copy the generated file here.\n\n");
        text.append("- *Accepts*: the versions a broker parses and responds to. Tributary's come from `ApiVersionTable`;\n");
        text.append("  Kafka's from kafka-clients 4.4.0 `ApiKeys` (oldest version to latest stable version), because\n");
        text.append("  ApiVersions does not report them.\n");
        text.append("- *Advertises*: the versions listed in each broker's ApiVersions v3 response.\n\n");

        appendImplemented(text, kafkaAdvertised);
        appendNotImplemented(text, kafkaAdvertised);
        appendUnknownVersion(text, unknownVersion, unknownVersionResponse);
        return text.toString();
    }

    /** The parts of a KIP-511 response that the page shows. */
    record UnknownVersionResponse(short errorCode, List<ApiVersion> apiKeys) {
    }

    private static void appendImplemented(StringBuilder text, List<ApiVersion> kafkaAdvertised) {
        text.append("## Implemented APIs\n\n");
        text.append("| API | Key | Tributary accepts | Tributary advertises | Kafka accepts | Kafka advertises |\n");
        text.append("|---|---:|---|---|---|---|\n");
        for (ApiKey key : ApiKey.values()) {
            ApiKeys kafkaKey = ApiKeys.forId(key.id());
            String kafkaAccepts = range(kafkaKey.oldestVersion(), kafkaKey.latestVersion(false));
            String kafkaAdvertises = find(kafkaAdvertised, key.id())
                    .map(version -> range(version.minVersion(), version.maxVersion()))
                    .orElse("not advertised");
            text.append("| ").append(kafkaKey.name)
                    .append(" | ").append(key.id())
                    .append(" | ").append(range(ApiVersionTable.accepted(key)))
                    .append(" | ").append(range(ApiVersionTable.advertised(key)))
                    .append(" | ").append(kafkaAccepts)
                    .append(" | ").append(kafkaAdvertises)
                    .append(" |\n");
        }
        text.append('\n');
    }

    private static void appendNotImplemented(StringBuilder text, List<ApiVersion> kafkaAdvertised) {
        text.append("## Kafka APIs that Tributary does not implement\n\n");
        text.append("Tributary neither advertises nor accepts these. A request for one of them gets no response,\n");
        text.append("and the broker closes the connection.\n\n");
        text.append("| API | Key | Kafka advertises |\n");
        text.append("|---|---:|---|\n");
        kafkaAdvertised.stream()
                .filter(version -> ApiKey.forId(version.apiKey()).isEmpty())
                .sorted(Comparator.comparingInt(ApiVersion::apiKey))
                .forEach(version -> text.append("| ").append(apiName(version.apiKey()))
                        .append(" | ").append(version.apiKey())
                        .append(" | ").append(range(version.minVersion(), version.maxVersion()))
                        .append(" |\n"));
        text.append('\n');
    }

    private static void appendUnknownVersion(StringBuilder text, short unknownVersion, UnknownVersionResponse response) {
        text.append("## ApiVersions at an unknown version\n\n");
        text.append("Both brokers respond to ApiVersions v").append(unknownVersion)
                .append(" (KIP-511) with the same v0 response:\n\n");
        text.append("- error: ").append(Errors.forCode(response.errorCode()).name())
                .append(" (").append(response.errorCode()).append(")\n");
        for (ApiVersion version : response.apiKeys()) {
            text.append("- ").append(apiName(version.apiKey())).append(": ")
                    .append(range(version.minVersion(), version.maxVersion())).append('\n');
        }
        text.append("\nThe client then retries with the highest of these versions that it implements.\n");
    }

    private static java.util.Optional<ApiVersion> find(List<ApiVersion> versions, short apiKey) {
        return versions.stream().filter(version -> version.apiKey() == apiKey).findFirst();
    }

    private static String apiName(short apiKey) {
        return ApiKeys.hasId(apiKey) ? ApiKeys.forId(apiKey).name : "unknown key " + apiKey;
    }

    private static String range(VersionRange range) {
        return range(range.min(), range.max());
    }

    private static String range(short min, short max) {
        return min + "-" + max;
    }
}
