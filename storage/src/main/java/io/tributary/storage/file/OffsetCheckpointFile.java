package io.tributary.storage.file;

import io.tributary.storage.TopicPartition;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Text file mapping partitions to offsets, replaced atomically. Storage keeps the recovery points
 * of a data directory's partitions in one such file and their log start offsets in another.
 * Layout (UTF-8, '\n' line ends):
 *
 * <pre>
 * 0                              version
 * N                              number of entries
 * &lt;topic&gt; &lt;partition&gt; &lt;offset&gt;   N lines, separated by single spaces
 * </pre>
 *
 * <p>Thread-safe: writes are serialized.
 */
public final class OffsetCheckpointFile {

    private static final int VERSION = 0;

    private final AtomicFile file;

    public OffsetCheckpointFile(Path path, FileSync fileSync) {
        this.file = new AtomicFile(path, fileSync);
    }

    public synchronized void write(Map<TopicPartition, Long> offsets) throws IOException {
        StringBuilder text = new StringBuilder();
        text.append(VERSION).append('\n').append(offsets.size()).append('\n');
        offsets.forEach((partition, offset) -> text.append(partition.topic()).append(' ')
                .append(partition.partition()).append(' ').append(offset).append('\n'));
        file.write(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Returns the stored offsets, or an empty map if the file does not exist.
     *
     * @throws IOException if the file is malformed, naming the line
     */
    public synchronized Map<TopicPartition, Long> read() throws IOException {
        Optional<byte[]> content = file.read();
        Map<TopicPartition, Long> offsets = new HashMap<>();
        if (content.isEmpty()) {
            return offsets;
        }
        String[] lines = new String(content.get(), StandardCharsets.UTF_8).split("\n");
        try {
            if (lines.length < 2 || Integer.parseInt(lines[0].trim()) != VERSION) {
                throw new IOException("Unsupported version or missing header in " + file.path());
            }
            int count = Integer.parseInt(lines[1].trim());
            if (count != lines.length - 2) {
                throw new IOException(file.path() + " announces " + count + " entries but has " + (lines.length - 2));
            }
            for (int i = 2; i < lines.length; i++) {
                String[] fields = lines[i].trim().split(" ");
                if (fields.length != 3) {
                    throw new IOException("Malformed line " + (i + 1) + " in " + file.path() + ": " + lines[i]);
                }
                offsets.put(new TopicPartition(fields[0], Integer.parseInt(fields[1])), Long.parseLong(fields[2]));
            }
        } catch (NumberFormatException e) {
            throw new IOException("Malformed number in " + file.path(), e);
        }
        return offsets;
    }

    public Path path() {
        return file.path();
    }
}
