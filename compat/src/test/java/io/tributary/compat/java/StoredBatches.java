package io.tributary.compat.java;

import io.tributary.compat.support.CompatBrokers;
import io.tributary.storage.segment.LogSegment;
import io.tributary.storage.tools.LogDump;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads the record batches Tributary stored for a partition, through {@link LogDump} over its segment files,
 * so that tests can check the codec and size of what the broker wrote to disk.
 */
final class StoredBatches {

    /** The fields of one batch line of the dump that the tests check. */
    record Batch(long baseOffset, int size, String codec) {
    }

    private static final Pattern BATCH_LINE = Pattern.compile(
            "^baseOffset: (\\d+) .* size: (\\d+) .* compresscodec: (\\S+) ");

    private StoredBatches() {
    }

    /** Returns the batches of {@code topic}'s partition {@code partition}, in offset order. */
    static List<Batch> of(String topic, int partition) throws IOException {
        Path dir = CompatBrokers.tributaryLogDir().resolve(topic + "-" + partition);
        List<Path> segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(file -> file.getFileName().toString().endsWith(LogSegment.LOG_SUFFIX))
                    .sorted()
                    .toList();
        }
        List<Batch> batches = new ArrayList<>();
        for (Path segment : segments) {
            StringBuilder dump = new StringBuilder();
            LogDump.dump(segment, false, dump);
            for (String line : dump.toString().split("\n")) {
                Matcher matcher = BATCH_LINE.matcher(line);
                if (matcher.find()) {
                    batches.add(new Batch(Long.parseLong(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                            matcher.group(3)));
                }
            }
        }
        return batches;
    }
}
