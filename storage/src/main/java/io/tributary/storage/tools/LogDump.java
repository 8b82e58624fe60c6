package io.tributary.storage.tools;

import io.tributary.storage.record.CompressionType;
import io.tributary.storage.record.Record;
import io.tributary.storage.record.RecordBatchHeader;
import io.tributary.storage.record.RecordBatchReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Prints the record batches of a segment log file, one line per batch, in the spirit of Kafka's
 * dump-log tool. The dump stops at the first invalid batch and prints the reason. The file is only read.
 *
 * <p>Stateless and thread-safe.
 */
public final class LogDump {

    private LogDump() {
    }

    /**
     * Writes one line per batch of {@code segmentFile} to {@code out}, and with {@code printRecords}
     * one indented line per record of each uncompressed batch.
     *
     * @return the number of valid batches printed
     */
    public static int dump(Path segmentFile, boolean printRecords, Appendable out) throws IOException {
        int batches = 0;
        try (FileChannel channel = FileChannel.open(segmentFile, StandardOpenOption.READ)) {
            long fileSize = channel.size();
            out.append("Dumping ").append(segmentFile.toString()).append('\n');
            long position = 0;
            while (position < fileSize) {
                long remaining = fileSize - position;
                if (remaining < RecordBatchHeader.HEADER_SIZE) {
                    out.append("Stopped at position ").append(String.valueOf(position)).append(": truncated batch header, ")
                            .append(String.valueOf(remaining)).append(" bytes left\n");
                    break;
                }
                RecordBatchHeader header = RecordBatchHeader.parse(read(channel, position, RecordBatchHeader.HEADER_SIZE), 0);
                if (header.magic() != RecordBatchHeader.MAGIC_V2 || header.batchLength() < RecordBatchHeader.MIN_BATCH_LENGTH
                        || header.sizeInBytes() > remaining) {
                    out.append("Stopped at position ").append(String.valueOf(position)).append(": invalid batch (magic ")
                            .append(String.valueOf(header.magic())).append(", length ")
                            .append(String.valueOf(header.batchLength())).append(")\n");
                    break;
                }
                ByteBuffer batch = read(channel, position, header.sizeInBytes());
                boolean crcValid = RecordBatchHeader.computeCrc(batch, 0, header.sizeInBytes()) == header.crc();
                out.append(describe(header, position, crcValid)).append('\n');
                if (printRecords) {
                    printRecords(header, batch, crcValid, out);
                }
                batches++;
                position += header.sizeInBytes();
            }
        }
        return batches;
    }

    /** Formats one batch line. */
    static String describe(RecordBatchHeader header, long position, boolean crcValid) {
        CompressionType codec = header.compression();
        return "baseOffset: " + header.baseOffset()
                + " lastOffset: " + header.lastOffset()
                + " count: " + header.recordCount()
                + " baseSequence: " + header.baseSequence()
                + " lastSequence: " + (header.baseSequence() < 0 ? -1 : header.lastSequence())
                + " producerId: " + header.producerId()
                + " producerEpoch: " + header.producerEpoch()
                + " partitionLeaderEpoch: " + header.partitionLeaderEpoch()
                + " isTransactional: " + header.isTransactional()
                + " isControl: " + header.isControl()
                + " position: " + position
                + " " + (header.isLogAppendTime() ? "LogAppendTime" : "CreateTime") + ": " + header.maxTimestamp()
                + " size: " + header.sizeInBytes()
                + " magic: " + header.magic()
                + " compresscodec: " + (codec == null ? "unknown(" + (header.attributes() & 0x07) + ")" : codec.label())
                + " crc: " + header.crc()
                + " isvalid: " + crcValid;
    }

    private static void printRecords(RecordBatchHeader header, ByteBuffer batch, boolean crcValid, Appendable out)
            throws IOException {
        if (header.compression() != CompressionType.NONE) {
            out.append("| records not shown: the batch is compressed\n");
            return;
        }
        if (!crcValid) {
            out.append("| records not shown: the CRC does not match\n");
            return;
        }
        try {
            for (Record record : RecordBatchReader.records(batch)) {
                out.append("| offset: ").append(String.valueOf(record.offset()))
                        .append(" timestamp: ").append(String.valueOf(record.timestamp()))
                        .append(" keySize: ").append(String.valueOf(record.key() == null ? -1 : record.key().length))
                        .append(" valueSize: ").append(String.valueOf(record.value() == null ? -1 : record.value().length))
                        .append(" headerKeys: [").append(String.join(",", record.headers().stream()
                                .map(h -> h.key()).toList())).append("]")
                        .append(" key: ").append(text(record.key()))
                        .append(" payload: ").append(text(record.value())).append('\n');
            }
        } catch (IllegalArgumentException e) {
            out.append("| records not shown: ").append(e.getMessage()).append('\n');
        }
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "null" : new String(bytes, StandardCharsets.UTF_8);
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("File ended at " + (position + buffer.position()));
            }
        }
        return buffer.flip();
    }
}
