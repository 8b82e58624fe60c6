package io.tributary.compat.kcat;

import io.tributary.compat.support.CompatBrokers;
import io.tributary.storage.record.RecordBatchHeader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the headers of the record batches Tributary stored for one partition, straight from its segment
 * files ({@code <log dir>/<topic>-<partition>/*.log}), to check the codec and size a client really sent.
 */
final class StoredBatches {

    private StoredBatches() {
    }

    /** The codec label and size in bytes of one stored batch. */
    record Batch(String codec, int sizeInBytes) {
    }

    /** Returns the batches of {@code topic}-{@code partition} in offset order. */
    static List<Batch> of(String topic, int partition) throws IOException {
        Path dir = CompatBrokers.tributaryLogDir().resolve(topic + "-" + partition);
        List<Path> segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(file -> file.getFileName().toString().endsWith(".log")).sorted().toList();
        }
        List<Batch> batches = new ArrayList<>();
        for (Path segment : segments) {
            ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(segment));
            int position = 0;
            while (buffer.limit() - position >= RecordBatchHeader.HEADER_SIZE) {
                RecordBatchHeader header = RecordBatchHeader.parse(buffer, position);
                if (header.magic() != RecordBatchHeader.MAGIC_V2
                        || header.batchLength() < RecordBatchHeader.MIN_BATCH_LENGTH) {
                    throw new IOException("no valid batch at position " + position + " of " + segment);
                }
                String codec = header.compression() == null ? "unknown" : header.compression().label();
                batches.add(new Batch(codec, header.sizeInBytes()));
                position += header.sizeInBytes();
            }
        }
        return batches;
    }

    /** Returns the distinct codec labels of the batches of {@code topic}-{@code partition}. */
    static List<String> codecs(String topic, int partition) throws IOException {
        return of(topic, partition).stream().map(Batch::codec).distinct().toList();
    }
}
