package io.tributary.storage.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/**
 * The topic id of a partition directory, in {@code partition.metadata}, so a topic deleted and
 * re-created under the same name is never mixed with the old data. Layout (UTF-8, '\n' line ends):
 *
 * <pre>
 * version: 0
 * topic_id: &lt;UUID in 8-4-4-4-12 hexadecimal form&gt;
 * </pre>
 */
public final class PartitionMetadataFile {

    public static final String FILE_NAME = "partition.metadata";

    private final AtomicFile file;

    public PartitionMetadataFile(Path partitionDir, FileSync fileSync) {
        this.file = new AtomicFile(partitionDir.resolve(FILE_NAME), fileSync);
    }

    /** Writes the topic id durably before returning. */
    public void write(UUID topicId) throws IOException {
        file.write(content(topicId));
    }

    /**
     * Writes the topic id of a new, still empty partition without forcing it. The partition's first flush
     * forces it before any record of the partition counts as durable, and loading tolerates a torn file in a
     * partition without records.
     */
    public void writeUnsynced(UUID topicId) throws IOException {
        file.writeUnsynced(content(topicId));
    }

    private static byte[] content(UUID topicId) {
        return ("version: 0\ntopic_id: " + topicId + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Returns the stored topic id, or empty if the file does not exist.
     *
     * @throws IOException if the file is malformed
     */
    public Optional<UUID> read() throws IOException {
        Optional<byte[]> content = file.read();
        if (content.isEmpty()) {
            return Optional.empty();
        }
        String[] lines = new String(content.get(), StandardCharsets.UTF_8).split("\n");
        if (lines.length < 2 || !lines[0].trim().equals("version: 0") || !lines[1].startsWith("topic_id: ")) {
            throw new IOException("Malformed " + file.path() + ": expected version 0 and a topic_id line");
        }
        try {
            return Optional.of(UUID.fromString(lines[1].substring("topic_id: ".length()).trim()));
        } catch (IllegalArgumentException e) {
            throw new IOException("Malformed topic id in " + file.path(), e);
        }
    }
}
