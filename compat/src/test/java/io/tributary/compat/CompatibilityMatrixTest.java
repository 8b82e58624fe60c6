package io.tributary.compat;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.compat.support.BrokerApiRanges;
import io.tributary.compat.support.Client;
import io.tributary.compat.support.CompatBrokers;
import io.tributary.compat.support.Matrix;
import io.tributary.compat.support.MatrixDocument;
import io.tributary.compat.support.Scenario;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the module (see {@code junit-platform.properties}) and turns what
 * they recorded in {@link Matrix} into {@code target/compatibility.md}. Fails on a failed or missing cell,
 * on an n/a cell that {@code not-applicable.tsv} does not explain (or an entry there for a cell that ran),
 * and when the committed {@code docs/compatibility.md} differs from the generated one apart from the date.
 */
@Order(Integer.MAX_VALUE)
class CompatibilityMatrixTest {

    private static final Path NOT_APPLICABLE = Path.of("not-applicable.tsv");

    @Test
    void matrixHasNoFailureAndEqualsCommittedDocument() throws IOException {
        Map<String, String> notApplicable = readNotApplicable();
        List<String> problems = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        for (Client client : Client.values()) {
            for (Scenario scenario : Scenario.values()) {
                Matrix.Cell cell = Matrix.cell(client, scenario);
                String name = client.displayName() + " " + scenario.label();
                boolean listed = notApplicable.containsKey(MatrixDocument.key(client, scenario));
                if (cell == null) {
                    notRun.add(name);
                } else if (cell.result() == Matrix.Result.FAIL) {
                    problems.add(name + ": failed: " + cell.detail());
                } else if (cell.result() == Matrix.Result.NOT_APPLICABLE && !listed) {
                    problems.add(name + ": n/a without a reason in " + NOT_APPLICABLE);
                } else if (cell.result() != Matrix.Result.NOT_APPLICABLE && listed) {
                    problems.add(name + ": listed in " + NOT_APPLICABLE + " but it ran");
                }
            }
        }
        for (Matrix.ToolCheck check : Matrix.toolChecks()) {
            if (check.result() != Matrix.Result.PASS) {
                problems.add(check.tool() + " " + check.check() + ": " + check.detail());
            }
        }

        String document = MatrixDocument.render(LocalDate.now().toString(), notApplicable,
                BrokerApiRanges.of(CompatBrokers.tributary()), BrokerApiRanges.of(CompatBrokers.kafka()));
        Path generated = Path.of("target", "compatibility.md");
        Files.createDirectories(generated.getParent());
        Files.writeString(generated, document);
        Path committed = CompatBrokers.repositoryRoot().resolve("docs").resolve("compatibility.md");
        String committedText = Files.exists(committed) ? Files.readString(committed) : "";
        if (!notRun.isEmpty()) {
            // A partial run, such as -Dtest=OneClientTest, leaves cells empty: the generated document is
            // incomplete, so comparing it with the committed one would only mislead.
            problems.add(0, notRun.size() + " cells did not run, for example " + notRun.get(0)
                    + ". Run every test class of the compat module (mvn -B verify -pl compat -am) before "
                    + "comparing with docs/compatibility.md. Cells not run: " + String.join(", ", notRun));
            assertThat(problems).as("compatibility matrix problems").isEmpty();
        }
        List<String> differences = MatrixDocument.differences(committedText, document);
        if (!differences.isEmpty()) {
            problems.add("docs/compatibility.md differs from " + generated.toAbsolutePath()
                    + " (copy it over when the change is intended): "
                    + String.join("; ", differences.subList(0, Math.min(5, differences.size()))));
        }

        assertThat(problems).as("compatibility matrix problems").isEmpty();
    }

    /** Reads {@code client-id-prefix TAB scenario-label TAB reason} lines; # starts a comment. */
    private static Map<String, String> readNotApplicable() throws IOException {
        Map<String, String> reasons = new LinkedHashMap<>();
        for (String line : Files.readAllLines(NOT_APPLICABLE)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = line.split("\t", 3);
            assertThat(fields).as("line of %s: %s", NOT_APPLICABLE, line).hasSize(3);
            reasons.put(fields[0] + " " + fields[1], fields[2]);
        }
        return reasons;
    }
}
