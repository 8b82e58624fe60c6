package io.tributary.compat.support;

import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiVersionTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Tributary's request log, which the module's logback configuration writes to
 * {@code target/compat/request-log.txt}, to find the version each client used for each API. Requests are
 * matched to clients by their client id, so every client in the suite uses its own client id prefix.
 */
public final class RequestLog {

    private static final Pattern LINE = Pattern.compile(
            "api_key=(\\S+) api_version=(\\d+) correlation_id=-?\\d+ client_id=(.*) from ");

    private RequestLog() {
    }

    /** Returns the request log file, as configured through the {@code tributary.compat.requestLog} property. */
    public static Path file() {
        return Path.of(System.getProperty("tributary.compat.requestLog", "target/compat/request-log.txt"));
    }

    /**
     * Returns, for each API that clients whose id starts with {@code clientIdPrefix} sent to Tributary, the
     * versions they used, keyed by the API's Kafka name (for example {@code Produce}).
     */
    public static Map<String, SortedSet<Integer>> versionsUsed(String clientIdPrefix) {
        Map<String, SortedSet<Integer>> versions = new TreeMap<>();
        try {
            for (String line : Files.readAllLines(file())) {
                Matcher matcher = LINE.matcher(line);
                if (matcher.find() && matcher.group(3).startsWith(clientIdPrefix)) {
                    ApiKey key = ApiKey.valueOf(matcher.group(1));
                    versions.computeIfAbsent(kafkaName(key), name -> new TreeSet<>())
                            .add(Integer.parseInt(matcher.group(2)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the request log " + file().toAbsolutePath(), e);
        }
        return versions;
    }

    /** The highest version of the API named {@code kafkaName} that Tributary accepts. */
    public static int brokerMaxVersion(String kafkaName) {
        for (ApiKey key : ApiKey.values()) {
            if (kafkaName(key).equals(kafkaName)) {
                return ApiVersionTable.accepted(key).max();
            }
        }
        throw new IllegalArgumentException("Tributary does not implement an API named " + kafkaName);
    }

    /** Kafka's name of an API in the protocol guide's spelling, for example {@code OffsetCommit}. */
    public static String kafkaName(ApiKey key) {
        StringBuilder name = new StringBuilder();
        for (String word : key.name().split("_")) {
            name.append(word.charAt(0)).append(word.substring(1).toLowerCase(Locale.ROOT));
        }
        return name.toString();
    }
}
