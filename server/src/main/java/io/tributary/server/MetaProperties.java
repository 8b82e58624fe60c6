package io.tributary.server;

import io.tributary.server.config.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The identity of a data directory, stored in {@code meta.properties} as in Kafka: a Java properties file
 *
 * <pre>
 * version=1
 * cluster.id=&lt;22 characters of URL-safe base64, a random 128-bit UUID without padding&gt;
 * node.id=&lt;node.id of the broker that created the directory&gt;
 * </pre>
 *
 * The file is created on the first start and read on every later one. It is written to a temporary file,
 * fsynced and renamed over the final name, so a crash leaves either no file or a complete one.
 *
 * @param version   the file format version, 1
 * @param clusterId the cluster id sent to clients in Metadata and DescribeCluster
 * @param nodeId    the broker's node.id
 */
public record MetaProperties(int version, String clusterId, int nodeId) {

    /** The file name inside the data directory. */
    public static final String FILE_NAME = "meta.properties";

    private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9_-]{22}");

    public MetaProperties {
        if (version != 1) {
            throw new IllegalArgumentException("Unsupported meta.properties version " + version + ": expected 1");
        }
        if (!CLUSTER_ID.matcher(clusterId).matches()) {
            throw new IllegalArgumentException("Invalid cluster.id '" + clusterId
                    + "': expected 22 characters of URL-safe base64");
        }
    }

    /**
     * Reads {@code meta.properties} from {@code dataDir}, or creates it with a new cluster id if missing.
     *
     * @throws ConfigException if the file names another node.id than {@code nodeId}
     * @throws UncheckedIOException if the file cannot be read, parsed or written
     */
    public static MetaProperties loadOrCreate(Path dataDir, int nodeId) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                MetaProperties existing = read(file);
                if (existing.nodeId() != nodeId) {
                    throw new ConfigException("node.id " + nodeId + " does not match node.id " + existing.nodeId()
                            + " stored in " + file + ": use the stored id or another data directory");
                }
                return existing;
            }
            MetaProperties created = new MetaProperties(1, newClusterId(), nodeId);
            created.write(dataDir);
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + file, e);
        }
    }

    /** Returns a new random cluster id: a UUID as 22 characters of URL-safe base64 without padding. */
    public static String newClusterId() {
        UUID uuid = UUID.randomUUID();
        ByteBuffer bytes = ByteBuffer.allocate(16);
        bytes.putLong(uuid.getMostSignificantBits()).putLong(uuid.getLeastSignificantBits());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes.array());
    }

    private static MetaProperties read(Path file) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        try {
            return new MetaProperties(Integer.parseInt(required(properties, "version", file)),
                    required(properties, "cluster.id", file),
                    Integer.parseInt(required(properties, "node.id", file)));
        } catch (IllegalArgumentException e) {
            throw new IOException("Invalid " + file + ": " + e.getMessage(), e);
        }
    }

    private static String required(Properties properties, String name, Path file) throws IOException {
        String value = properties.getProperty(name);
        if (value == null) {
            throw new IOException("Invalid " + file + ": missing " + name);
        }
        return value.trim();
    }

    private void write(Path dataDir) throws IOException {
        Path temporary = dataDir.resolve(FILE_NAME + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            writer.write("version=" + version + "\n");
            writer.write("cluster.id=" + clusterId + "\n");
            writer.write("node.id=" + nodeId + "\n");
        }
        try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            channel.force(true);
        }
        Files.move(temporary, dataDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE);
        try (FileChannel directory = FileChannel.open(dataDir, StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}
