package io.tributary.compat.support;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;

/**
 * Collects the outcome of every (client, scenario) cell, the outcomes compared with Kafka 4.4, the API
 * versions each client negotiated and the checks of Kafka's tools, for {@code CompatibilityMatrixTest} to
 * write as {@code docs/compatibility.md}. All test classes of the module run in one JVM and record here.
 *
 * <p>A cell recorded more than once keeps its worst result: fail over n/a over pass. Thread-safe.
 */
public final class Matrix {

    /** The result of one cell. */
    public enum Result {
        PASS("pass"), NOT_APPLICABLE("n/a"), FAIL("fail");

        private final String label;

        Result(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** A cell: its result and, for a failure, what went wrong. */
    public record Cell(Result result, String detail) {
    }

    /** What the client saw from each broker in a compared scenario. */
    public record Comparison(Client client, Scenario scenario, String kafka, String tributary) {

        public boolean same() {
            return kafka.equals(tributary);
        }
    }

    /** The version a client used for one API, next to the highest versions of both sides. */
    public record Negotiated(Client client, String api, int clientMax, int brokerMax, SortedSet<Integer> used) {

        public int expected() {
            return Math.min(clientMax, brokerMax);
        }

        public boolean highestCommon() {
            return used.size() == 1 && used.first() == expected();
        }
    }

    /** One check of a Kafka tool. */
    public record ToolCheck(String tool, String check, Result result, String detail) {
    }

    /** A scenario body; may throw anything, which fails the cell. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private static final Map<Client, Map<Scenario, Cell>> CELLS = new EnumMap<>(Client.class);
    private static final List<Comparison> COMPARISONS = new ArrayList<>();
    private static final List<Negotiated> NEGOTIATED = new ArrayList<>();
    private static final Map<String, ToolCheck> TOOL_CHECKS = new LinkedHashMap<>();

    private Matrix() {
    }

    /** Runs {@code body}, records pass or fail for the cell, and rethrows a failure. */
    public static void run(Client client, Scenario scenario, Body body) throws Exception {
        try {
            body.run();
            record(client, scenario, new Cell(Result.PASS, ""));
        } catch (Exception | AssertionError e) {
            record(client, scenario, new Cell(Result.FAIL, describe(e)));
            throw e;
        }
    }

    /**
     * Records what the client saw from each broker and passes the cell when both are equal.
     *
     * @throws AssertionError when they differ
     */
    public static void compare(Client client, Scenario scenario, String kafkaOutcome, String tributaryOutcome) {
        Comparison comparison = new Comparison(client, scenario, kafkaOutcome, tributaryOutcome);
        synchronized (Matrix.class) {
            COMPARISONS.add(comparison);
        }
        if (comparison.same()) {
            record(client, scenario, new Cell(Result.PASS, ""));
        } else {
            String detail = "Kafka 4.4: " + kafkaOutcome + "; Tributary: " + tributaryOutcome;
            record(client, scenario, new Cell(Result.FAIL, detail));
            throw new AssertionError(client.displayName() + " " + scenario.label() + " differs. " + detail);
        }
    }

    /** Records that the client cannot express the scenario; the reason belongs in the not-applicable file. */
    public static void notApplicable(Client client, Scenario scenario) {
        record(client, scenario, new Cell(Result.NOT_APPLICABLE, ""));
    }

    /**
     * Checks the client's requests in Tributary's request log: each API must have been used at exactly one
     * version, the highest that both the client ({@code clientMaxVersions}, by Kafka API name) and Tributary
     * support. Records the table rows and the {@link Scenario#NEGOTIATION} cell.
     *
     * @throws AssertionError when an API was used at another version, or the client's maximum is unknown
     */
    public static void checkNegotiation(Client client, Map<String, Integer> clientMaxVersions) {
        Map<String, SortedSet<Integer>> used = RequestLog.versionsUsed(client.clientIdPrefix());
        List<String> problems = new ArrayList<>();
        if (used.isEmpty()) {
            problems.add("no request with client id prefix " + client.clientIdPrefix() + " in the request log");
        }
        for (Map.Entry<String, SortedSet<Integer>> entry : used.entrySet()) {
            String api = entry.getKey();
            Integer clientMax = clientMaxVersions.get(api);
            if (clientMax == null) {
                problems.add(api + ": the client's highest version is unknown");
                continue;
            }
            Negotiated negotiated = new Negotiated(client, api, clientMax, RequestLog.brokerMaxVersion(api),
                    entry.getValue());
            synchronized (Matrix.class) {
                NEGOTIATED.add(negotiated);
            }
            if (!negotiated.highestCommon()) {
                problems.add(api + " used at " + entry.getValue() + ", expected " + negotiated.expected());
            }
        }
        if (problems.isEmpty()) {
            record(client, Scenario.NEGOTIATION, new Cell(Result.PASS, ""));
        } else {
            String detail = String.join("; ", problems);
            record(client, Scenario.NEGOTIATION, new Cell(Result.FAIL, detail));
            throw new AssertionError(client.displayName() + " negotiation: " + detail);
        }
    }

    /** Runs {@code body} as one check of a Kafka tool, records it and rethrows a failure. */
    public static void tool(String tool, String check, Body body) throws Exception {
        try {
            body.run();
            recordTool(new ToolCheck(tool, check, Result.PASS, ""));
        } catch (Exception | AssertionError e) {
            recordTool(new ToolCheck(tool, check, Result.FAIL, describe(e)));
            throw e;
        }
    }

    private static synchronized void recordTool(ToolCheck check) {
        String key = check.tool() + "\u0000" + check.check();
        ToolCheck previous = TOOL_CHECKS.get(key);
        if (previous == null || previous.result().ordinal() < check.result().ordinal()) {
            TOOL_CHECKS.put(key, check);
        }
    }

    private static synchronized void record(Client client, Scenario scenario, Cell cell) {
        Map<Scenario, Cell> row = CELLS.computeIfAbsent(client, c -> new EnumMap<>(Scenario.class));
        Cell previous = row.get(scenario);
        if (previous == null || previous.result().ordinal() < cell.result().ordinal()) {
            row.put(scenario, cell);
        }
    }

    /** Returns the recorded cell, or null when nothing ran for it. */
    public static synchronized Cell cell(Client client, Scenario scenario) {
        Map<Scenario, Cell> row = CELLS.get(client);
        return row == null ? null : row.get(scenario);
    }

    public static synchronized List<Comparison> comparisons() {
        return List.copyOf(COMPARISONS);
    }

    public static synchronized List<Negotiated> negotiated() {
        return List.copyOf(NEGOTIATED);
    }

    public static synchronized List<ToolCheck> toolChecks() {
        return List.copyOf(TOOL_CHECKS.values());
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? "" : ": " + e.getMessage();
        return e.getClass().getSimpleName() + message;
    }
}
