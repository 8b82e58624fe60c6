package io.tributary.compat.support;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Writes the recorded {@link Matrix} as the Markdown of {@code docs/compatibility.md}. Rows are sorted, so
 * the document does not depend on the order in which test classes and methods ran. The only line that
 * changes from run to run without a change in behaviour is the one starting with {@link #DATE_PREFIX}.
 */
public final class MatrixDocument {

    /** Start of the line that carries the run's date, ignored when the committed copy is compared. */
    public static final String DATE_PREFIX = "Generated on ";

    /** An API's advertised range at one broker, or null where the broker does not support the API. */
    public record Range(int min, int max) {

        @Override
        public String toString() {
            return min + "-" + max;
        }
    }

    private MatrixDocument() {
    }

    /**
     * @param date           the run's date, ISO format
     * @param notApplicable  the reasons of the not-applicable file, keyed by client and scenario label
     * @param tributaryRanges Tributary's advertised ranges by API name, as Kafka's tool printed them
     * @param kafkaRanges    Kafka 4.4's advertised ranges by API name
     */
    public static String render(String date, Map<String, String> notApplicable,
            SortedMap<String, Range> tributaryRanges, SortedMap<String, Range> kafkaRanges) {
        StringBuilder doc = new StringBuilder();
        doc.append("# Client compatibility\n\n");
        doc.append(DATE_PREFIX).append(date).append(" by the `compat` module of `mvn -B verify`.\n\n");
        doc.append("""
                Each client below ran every scenario it can express against Tributary. Scenarios marked \
                \"compared\" ran against Apache Kafka 4.4 (started through `kafka-ref`) in the same run, \
                and pass only when the client saw the same outcome from both brokers. The build fails when \
                a cell fails, when a cell is n/a without a reason in `compat/not-applicable.tsv`, or when \
                this file differs from the generated `compat/target/compatibility.md` apart from the date.

                The clients:

                - kafka-clients 2.1.1, 2.8.2, 3.9.1 and 4.4.0 from Maven Central, each in its own class loader.
                - kcat from Debian 12, with librdkafka 2.0.2.
                - KafkaJS 2.2.4 with kafkajs-snappy 1.1.0, kafkajs-lz4 1.2.1 and @kafkajs/zstd 0.1.1, \
                installed from `compat/kafkajs/package-lock.json`.
                - The command-line tools of Apache Kafka 4.4.0, run through `kafka-ref/run`.

                """);
        appendScenarioTable(doc);
        appendComparisons(doc);
        appendToolChecks(doc);
        appendNegotiation(doc);
        appendNotApplicable(doc, notApplicable);
        appendRanges(doc, tributaryRanges, kafkaRanges);
        return doc.toString();
    }

    private static void appendScenarioTable(StringBuilder doc) {
        doc.append("## Scenarios\n\n| Scenario |");
        for (Client client : Client.values()) {
            doc.append(' ').append(client.displayName()).append(" |");
        }
        doc.append("\n|---|");
        doc.append("---|".repeat(Client.values().length)).append('\n');
        for (Scenario scenario : Scenario.values()) {
            doc.append("| ").append(scenario.label());
            if (scenario.compared()) {
                doc.append(" (compared)");
            }
            doc.append(" |");
            for (Client client : Client.values()) {
                Matrix.Cell cell = Matrix.cell(client, scenario);
                doc.append(' ').append(cell == null ? "not run" : cell.result().label()).append(" |");
            }
            doc.append('\n');
        }
        doc.append("\nWhat each scenario checks:\n\n");
        for (Scenario scenario : Scenario.values()) {
            doc.append("- `").append(scenario.label()).append("`: ").append(scenario.description()).append(".\n");
        }
        doc.append('\n');
    }

    private static void appendComparisons(StringBuilder doc) {
        doc.append("## Outcomes compared with Kafka 4.4\n\n");
        doc.append("What the client reported, from each broker in the same run.\n\n");
        doc.append("| Client | Scenario | Kafka 4.4 | Tributary | Same |\n|---|---|---|---|---|\n");
        List<Matrix.Comparison> comparisons = new ArrayList<>(Matrix.comparisons());
        comparisons.sort(Comparator.comparing(Matrix.Comparison::client)
                .thenComparing(Matrix.Comparison::scenario));
        for (Matrix.Comparison comparison : comparisons) {
            doc.append("| ").append(comparison.client().displayName())
                    .append(" | ").append(comparison.scenario().label())
                    .append(" | ").append(escape(comparison.kafka()))
                    .append(" | ").append(escape(comparison.tributary()))
                    .append(" | ").append(comparison.same() ? "yes" : "**no**")
                    .append(" |\n");
        }
        doc.append('\n');
    }

    private static void appendToolChecks(StringBuilder doc) {
        doc.append("## Kafka 4.4 tools\n\n| Tool | Check | Result |\n|---|---|---|\n");
        List<Matrix.ToolCheck> checks = new ArrayList<>(Matrix.toolChecks());
        checks.sort(Comparator.comparing(Matrix.ToolCheck::tool).thenComparing(Matrix.ToolCheck::check));
        for (Matrix.ToolCheck check : checks) {
            doc.append("| ").append(check.tool()).append(" | ").append(escape(check.check()))
                    .append(" | ").append(check.result().label()).append(" |\n");
        }
        doc.append('\n');
    }

    private static void appendNegotiation(StringBuilder doc) {
        doc.append("## Negotiated versions\n\n");
        doc.append("The versions each client used, read from Tributary's request log (`io.tributary.request` at "
                + "DEBUG), next to the highest version of the client and of Tributary.\n\n");
        doc.append("| Client | API | Client max | Tributary max | Used |\n|---|---|---|---|---|\n");
        List<Matrix.Negotiated> rows = new ArrayList<>(Matrix.negotiated());
        rows.sort(Comparator.comparing(Matrix.Negotiated::client).thenComparing(Matrix.Negotiated::api));
        for (Matrix.Negotiated row : rows) {
            doc.append("| ").append(row.client().displayName()).append(" | ").append(row.api())
                    .append(" | ").append(row.clientMax()).append(" | ").append(row.brokerMax())
                    .append(" | ").append(row.used().stream().map(String::valueOf)
                            .collect(Collectors.joining(", ")))
                    .append(row.highestCommon() ? "" : " (**expected " + row.expected() + "**)")
                    .append(" |\n");
        }
        doc.append('\n');
    }

    private static void appendNotApplicable(StringBuilder doc, Map<String, String> notApplicable) {
        doc.append("## Not applicable\n\n| Client | Scenario | Reason |\n|---|---|---|\n");
        for (Client client : Client.values()) {
            for (Scenario scenario : Scenario.values()) {
                String reason = notApplicable.get(key(client, scenario));
                if (reason != null) {
                    doc.append("| ").append(client.displayName()).append(" | ").append(scenario.label())
                            .append(" | ").append(escape(reason)).append(" |\n");
                }
            }
        }
        doc.append('\n');
    }

    private static void appendRanges(StringBuilder doc, SortedMap<String, Range> tributary,
            SortedMap<String, Range> kafka) {
        doc.append("## API version ranges\n\n");
        doc.append("As each broker advertised them in its ApiVersions response, printed by Kafka's "
                + "`BrokerApiVersionsCommand`. APIs that Tributary does not implement are listed with a dash.\n\n");
        doc.append("| API | Tributary | Kafka 4.4 |\n|---|---|---|\n");
        SortedSet<String> names = new TreeSet<>(kafka.keySet());
        names.addAll(tributary.keySet());
        for (String name : names) {
            Range ours = tributary.get(name);
            Range theirs = kafka.get(name);
            doc.append("| ").append(name).append(" | ").append(ours == null ? "-" : ours.toString())
                    .append(" | ").append(theirs == null ? "-" : theirs.toString()).append(" |\n");
        }
    }

    /** Returns the key of a not-applicable entry: the client id prefix and the scenario label. */
    public static String key(Client client, Scenario scenario) {
        return client.clientIdPrefix() + " " + scenario.label();
    }

    /** Lines that differ between two renderings, ignoring the date line. */
    public static List<String> differences(String expected, String actual) {
        List<String> left = withoutDate(expected);
        List<String> right = withoutDate(actual);
        List<String> differences = new ArrayList<>();
        for (int i = 0; i < Math.max(left.size(), right.size()); i++) {
            String a = i < left.size() ? left.get(i) : "<missing>";
            String b = i < right.size() ? right.get(i) : "<missing>";
            if (!a.equals(b)) {
                differences.add("line " + (i + 1) + ": committed '" + a + "' but generated '" + b + "'");
            }
        }
        return differences;
    }

    private static List<String> withoutDate(String text) {
        return text.lines().filter(line -> !line.startsWith(DATE_PREFIX)).toList();
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
