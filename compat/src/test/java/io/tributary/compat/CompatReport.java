package io.tributary.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects the outcome of each (client version, scenario) pair and writes them as a Markdown table.
 * Thread-safe.
 */
final class CompatReport {

    /** One row of the table. */
    record Outcome(String version, String scenario, boolean passed, String detail) {
    }

    private final String title;
    private final List<Outcome> outcomes = new ArrayList<>();

    CompatReport(String title) {
        this.title = title;
    }

    synchronized void record(String version, String scenario, boolean passed, String detail) {
        outcomes.add(new Outcome(version, scenario, passed, detail));
    }

    /** Writes the table to {@code file}, creating its parent directories. */
    synchronized void write(Path file) throws IOException {
        StringBuilder markdown = new StringBuilder();
        markdown.append("# ").append(title).append("\n\n");
        markdown.append("| Client version | Scenario | Result | Detail |\n");
        markdown.append("|---|---|---|---|\n");
        for (Outcome outcome : outcomes) {
            markdown.append("| ").append(outcome.version())
                    .append(" | ").append(outcome.scenario())
                    .append(" | ").append(outcome.passed() ? "pass" : "fail")
                    .append(" | ").append(escape(outcome.detail()))
                    .append(" |\n");
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, markdown);
    }

    private static String escape(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }
}
