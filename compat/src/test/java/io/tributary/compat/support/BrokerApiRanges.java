package io.tributary.compat.support;

import io.tributary.compat.support.MatrixDocument.Range;
import java.time.Duration;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads a broker's advertised API version ranges through Kafka 4.4's {@code BrokerApiVersionsCommand}. */
public final class BrokerApiRanges {

    /** A line such as {@code Produce(0): 0 to 13 [usable: 13],}. */
    private static final Pattern SUPPORTED = Pattern.compile("^\\s*(\\w+)\\(\\d+\\): (\\d+) to (\\d+) ");

    private BrokerApiRanges() {
    }

    /**
     * Returns the ranges the broker at {@code target} advertises, keyed by API name.
     *
     * @throws AssertionError when the tool fails or prints no range
     */
    public static SortedMap<String, Range> of(CompatBrokers.Target target) {
        KafkaRefTool.Output output = KafkaRefTool.run(Duration.ofSeconds(60),
                "org.apache.kafka.tools.BrokerApiVersionsCommand", "--bootstrap-server", target.bootstrapServers());
        SortedMap<String, Range> ranges = new TreeMap<>();
        for (String line : output.stdout().split("\n")) {
            Matcher matcher = SUPPORTED.matcher(line);
            if (matcher.find()) {
                ranges.put(matcher.group(1),
                        new Range(Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))));
            }
        }
        if (output.exitCode() != 0 || ranges.isEmpty()) {
            throw new AssertionError("BrokerApiVersionsCommand against " + target + " printed no range: "
                    + output.describe());
        }
        return ranges;
    }
}
