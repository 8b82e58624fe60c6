package io.tributary.compat.kcat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One record as kcat 1.7 prints it with {@code -J}, for example
 * {@code {"topic":"t","partition":2,"offset":5,"tstype":"create","ts":1700000000000,"broker":1,
 * "headers":["a","1","n",null],"key":"k","payload":null}}.
 *
 * <p>Strings are read without JSON unescaping, so the scenarios use keys, values and headers of letters,
 * digits and dashes only.
 *
 * @param headers header names and values alternating, a value may be null
 * @param key     null for a null key
 * @param payload null for a null value
 */
record KcatRecord(int partition, long offset, long timestamp, List<String> headers, String key, String payload) {

    private static final String STRING_OR_NULL = "(null|\"([^\"\\\\]*)\")";
    private static final Pattern PARTITION = Pattern.compile("\"partition\":(-?\\d+)");
    private static final Pattern OFFSET = Pattern.compile("\"offset\":(-?\\d+)");
    private static final Pattern TIMESTAMP = Pattern.compile("\"ts\":(-?\\d+)");
    private static final Pattern HEADERS = Pattern.compile("\"headers\":\\[([^\\]]*)]");
    private static final Pattern HEADER_ITEM = Pattern.compile(STRING_OR_NULL);
    private static final Pattern KEY = Pattern.compile("\"key\":" + STRING_OR_NULL);
    private static final Pattern PAYLOAD = Pattern.compile("\"payload\":" + STRING_OR_NULL);

    /**
     * Parses one line of kcat's JSON output.
     *
     * @throws IllegalArgumentException when a field the scenarios need is missing
     */
    static KcatRecord parse(String line) {
        List<String> headers = new ArrayList<>();
        Matcher headerList = HEADERS.matcher(line);
        if (headerList.find()) {
            Matcher item = HEADER_ITEM.matcher(headerList.group(1));
            while (item.find()) {
                headers.add(item.group(2));
            }
        }
        return new KcatRecord(Integer.parseInt(field(PARTITION, line)), Long.parseLong(field(OFFSET, line)),
                Long.parseLong(field(TIMESTAMP, line)), Collections.unmodifiableList(headers),
                stringOrNull(KEY, line), stringOrNull(PAYLOAD, line));
    }

    private static String field(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no " + pattern + " in kcat output line: " + line);
        }
        return matcher.group(1);
    }

    private static String stringOrNull(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no " + pattern + " in kcat output line: " + line);
        }
        return matcher.group(2);
    }
}
