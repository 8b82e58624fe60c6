package io.tributary.storage.segment;

import io.tributary.storage.StorageException;
import io.tributary.storage.TimestampAndOffset;
import io.tributary.storage.file.FileSync;
import io.tributary.storage.record.CompressionType;
import io.tributary.storage.record.Record;
import io.tributary.storage.record.RecordBatchHeader;
import io.tributary.storage.record.RecordBatchReader;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * One segment of a partition log: {@code <baseOffset>.log} holding record batches back to back,
 * plus its {@link OffsetIndex} and {@link TimeIndex}. File names are the base offset as 20 decimal
 * digits, zero-padded, followed by the suffix.
 *
 * <p>Thread-safety: appends, recovery and index changes run under the owning log's lock. Reads may
 * run concurrently from any thread. A read only looks at bytes below a size captured earlier, and
 * appends never change those bytes.
 *
 * <p>Lifetime: the segment starts with one reference held by its log. Each {@link #retain()} by a
 * reader needs a matching {@link #release()}; the files close when the count reaches zero, and are
 * deleted then if {@link #markForDeletion} was called.
 */
public final class LogSegment {

    public static final String LOG_SUFFIX = ".log";
    public static final String INDEX_SUFFIX = ".index";
    public static final String TIME_INDEX_SUFFIX = ".timeindex";

    /** The leading bytes of a batch header, through lastOffsetDelta, which give its size, magic and last offset. */
    private static final int BATCH_BOUNDS_BYTES = RecordBatchHeader.LAST_OFFSET_DELTA_OFFSET + 4;

    private final long baseOffset;
    private final FileChannel channel;
    private final OffsetIndex offsetIndex;
    private final TimeIndex timeIndex;
    private final int indexIntervalBytes;
    private final long createdMs;
    private final AtomicInteger refCount = new AtomicInteger(1);

    private volatile Path dir;
    private volatile boolean deleteOnRelease;
    private volatile int size;
    private volatile long nextOffset;
    private volatile long maxTimestamp = -1L;
    private volatile long offsetOfMaxTimestamp = -1L;
    private long firstBatchTimestamp = -1L;
    private int bytesSinceLastIndexEntry;

    private LogSegment(Path dir, long baseOffset, int indexIntervalBytes, int maxIndexBytes, long createdMs,
                       boolean create) throws IOException {
        this.dir = dir;
        this.baseOffset = baseOffset;
        this.indexIntervalBytes = indexIntervalBytes;
        this.createdMs = createdMs;
        this.nextOffset = baseOffset;
        StandardOpenOption mode = create ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE;
        this.channel = FileChannel.open(dir.resolve(fileName(baseOffset, LOG_SUFFIX)), mode,
                StandardOpenOption.READ, StandardOpenOption.WRITE);
        this.size = (int) Math.min(channel.size(), Integer.MAX_VALUE);
        this.offsetIndex = new OffsetIndex(dir.resolve(fileName(baseOffset, INDEX_SUFFIX)), baseOffset, maxIndexBytes);
        this.timeIndex = new TimeIndex(dir.resolve(fileName(baseOffset, TIME_INDEX_SUFFIX)), baseOffset, maxIndexBytes);
        if (create) {
            offsetIndex.clear();
            timeIndex.clear();
        }
    }

    /** Creates the files of a new empty segment; fails if the log file already exists. */
    public static LogSegment create(Path dir, long baseOffset, int indexIntervalBytes, int maxIndexBytes,
                                    long nowMs) throws IOException {
        return new LogSegment(dir, baseOffset, indexIntervalBytes, maxIndexBytes, nowMs, true);
    }

    /**
     * Opens an existing segment without reading it. The caller must then call either
     * {@link #loadIndexes()} or {@link #recover()} before using it.
     */
    public static LogSegment open(Path dir, long baseOffset, int indexIntervalBytes, int maxIndexBytes,
                                  long nowMs) throws IOException {
        return new LogSegment(dir, baseOffset, indexIntervalBytes, maxIndexBytes, nowMs, false);
    }

    /** Returns the file name of a segment file: the base offset as 20 zero-padded digits plus the suffix. */
    public static String fileName(long baseOffset, String suffix) {
        if (baseOffset < 0) {
            return String.format("%020d%s", baseOffset, suffix);
        }
        // Called for every file of every new partition, where String.format showed in profiles
        String digits = Long.toString(baseOffset);
        StringBuilder name = new StringBuilder(20 + suffix.length());
        for (int pad = digits.length(); pad < 20; pad++) {
            name.append('0');
        }
        return name.append(digits).append(suffix).toString();
    }

    /**
     * Loads both indexes and the segment's end offset and max timestamp from them plus a scan of the
     * batches after the last offset index entry.
     *
     * @throws CorruptIndexException if an index fails its sanity check; the caller then calls {@link #recover()}
     */
    public void loadIndexes() throws IOException {
        offsetIndex.loadEntries();
        timeIndex.loadEntries();
        offsetIndex.sanityCheck(size);

        int position = 0;
        long expectedNext = baseOffset;
        if (offsetIndex.entries() > 0) {
            position = offsetIndex.valueAt(offsetIndex.entries() - 1);
            RecordBatchHeader indexed = readHeader(position, size);
            if (indexed == null || indexed.lastOffset() != offsetIndex.lastOffset()) {
                throw new CorruptIndexException(offsetIndex.path() + " last entry does not point at the batch ending at "
                        + offsetIndex.lastOffset());
            }
            expectedNext = indexed.baseOffset();
        }
        maxTimestamp = timeIndex.lastTimestamp();
        offsetOfMaxTimestamp = timeIndex.lastOffset();
        while (position < size) {
            RecordBatchHeader header = readHeader(position, size);
            if (header == null || header.baseOffset() < expectedNext) {
                throw new CorruptIndexException(fileName(baseOffset, LOG_SUFFIX) + " has an invalid batch at position "
                        + position + " behind the last index entry");
            }
            trackTimestamp(header);
            expectedNext = header.nextOffset();
            position += header.sizeInBytes();
        }
        nextOffset = expectedNext;
        timeIndex.sanityCheck(nextOffset);
        if (size > 0) {
            RecordBatchHeader first = readHeader(0, size);
            firstBatchTimestamp = first == null ? -1 : first.maxTimestamp();
        }
        bytesSinceLastIndexEntry = 0;
    }

    /**
     * Validates every batch (length, magic, increasing offsets, CRC32C), truncates the log file at the
     * first invalid batch and rebuilds both indexes from the valid batches.
     *
     * @return counts of validated batches and truncated bytes
     */
    public RecoveryResult recover() throws IOException {
        offsetIndex.clear();
        timeIndex.clear();
        maxTimestamp = -1;
        offsetOfMaxTimestamp = -1;
        firstBatchTimestamp = -1;
        bytesSinceLastIndexEntry = 0;

        long fileSize = channel.size();
        int position = 0;
        long expectedNext = baseOffset;
        int batches = 0;
        String invalidReason = null;
        while (position < fileSize) {
            ByteBuffer batch = readValidBatch(position, fileSize, expectedNext);
            if (batch == null) {
                invalidReason = lastInvalidReason;
                break;
            }
            RecordBatchHeader header = RecordBatchHeader.parse(batch, 0);
            if (batches == 0) {
                firstBatchTimestamp = header.maxTimestamp();
            }
            indexBatch(header, position);
            expectedNext = header.nextOffset();
            position += header.sizeInBytes();
            batches++;
        }
        long truncated = fileSize - position;
        if (truncated > 0) {
            channel.truncate(position);
        }
        size = position;
        nextOffset = expectedNext;
        return new RecoveryResult(batches, truncated, invalidReason);
    }

    /**
     * Counts of one segment's recovery.
     *
     * @param batchesValidated valid batches kept
     * @param bytesTruncated   bytes removed from the end of the log file
     * @param invalidReason    why the first removed batch was invalid, or null if nothing was removed
     */
    public record RecoveryResult(int batchesValidated, long bytesTruncated, String invalidReason) {
    }

    private String lastInvalidReason;

    private ByteBuffer readValidBatch(int position, long fileSize, long expectedNext) throws IOException {
        long remaining = fileSize - position;
        if (remaining < RecordBatchHeader.HEADER_SIZE) {
            return invalid("torn header at position " + position + " (" + remaining + " bytes left)");
        }
        ByteBuffer headerBuffer = readFully(position, RecordBatchHeader.HEADER_SIZE);
        RecordBatchHeader header = RecordBatchHeader.parse(headerBuffer, 0);
        if (header.batchLength() < RecordBatchHeader.MIN_BATCH_LENGTH
                || header.sizeInBytes() > remaining || header.sizeInBytes() < 0) {
            return invalid("invalid batch length " + header.batchLength() + " at position " + position);
        }
        if (header.magic() != RecordBatchHeader.MAGIC_V2) {
            return invalid("invalid magic " + header.magic() + " at position " + position);
        }
        if (header.baseOffset() < expectedNext || header.lastOffsetDelta() < 0
                || header.lastOffset() - baseOffset > Integer.MAX_VALUE) {
            return invalid("offsets " + header.baseOffset() + " to " + header.lastOffset() + " at position "
                    + position + " do not follow offset " + (expectedNext - 1));
        }
        ByteBuffer batch = readFully(position, header.sizeInBytes());
        long crc = RecordBatchHeader.computeCrc(batch, 0, header.sizeInBytes());
        if (crc != header.crc()) {
            return invalid("CRC mismatch at position " + position + ": stored " + header.crc() + ", computed " + crc);
        }
        return batch;
    }

    private ByteBuffer invalid(String reason) {
        lastInvalidReason = reason;
        return null;
    }

    /**
     * Writes batches that already carry their final offsets at the end of the log file and indexes
     * them. {@code batches} contains whole batches from its position to its limit.
     *
     * @param headers the parsed headers of those batches, in order
     */
    public void append(ByteBuffer batches, List<RecordBatchHeader> headers) throws IOException {
        int position = size;
        ByteBuffer source = batches.duplicate();
        long writePosition = position;
        while (source.hasRemaining()) {
            writePosition += channel.write(source, writePosition);
        }
        if (size == 0 && !headers.isEmpty()) {
            firstBatchTimestamp = headers.get(0).maxTimestamp();
        }
        for (RecordBatchHeader header : headers) {
            indexBatch(header, position);
            position += header.sizeInBytes();
        }
        nextOffset = headers.get(headers.size() - 1).nextOffset();
        size = position;
    }

    private void indexBatch(RecordBatchHeader header, int position) throws IOException {
        trackTimestamp(header);
        // A full index only makes lookups scan further, and the log rolls before the next append.
        if (bytesSinceLastIndexEntry > indexIntervalBytes && !indexFull()) {
            offsetIndex.append(header.lastOffset(), position);
            timeIndex.maybeAppend(maxTimestamp, offsetOfMaxTimestamp);
            bytesSinceLastIndexEntry = 0;
        }
        bytesSinceLastIndexEntry += header.sizeInBytes();
    }

    private void trackTimestamp(RecordBatchHeader header) {
        if (header.maxTimestamp() > maxTimestamp) {
            maxTimestamp = header.maxTimestamp();
            offsetOfMaxTimestamp = header.lastOffset();
        }
    }

    /** Adds a final time index entry for the max timestamp so the next load finds it without a scan. */
    public void onBecomeInactive() throws IOException {
        if (maxTimestamp >= 0 && !timeIndex.isFull()) {
            timeIndex.maybeAppend(maxTimestamp, offsetOfMaxTimestamp);
        }
    }

    /**
     * Returns the header at {@code position} if a plausible magic-2 batch header ends and its batch
     * fits below {@code limit}, else null.
     */
    public RecordBatchHeader readHeader(int position, int limit) throws IOException {
        if (position < 0 || limit - position < RecordBatchHeader.HEADER_SIZE) {
            return null;
        }
        RecordBatchHeader header = RecordBatchHeader.parse(readFully(position, RecordBatchHeader.HEADER_SIZE), 0);
        if (header.magic() != RecordBatchHeader.MAGIC_V2 || header.batchLength() < RecordBatchHeader.MIN_BATCH_LENGTH
                || header.sizeInBytes() > limit - position || header.sizeInBytes() < 0) {
            return null;
        }
        return header;
    }

    /**
     * Finds the first batch whose last offset is at least {@code offset}, scanning from the offset
     * index's hint and up to {@code limit} bytes.
     *
     * @return the batch's position and header, or null if no batch below the limit reaches the offset
     */
    public BatchLocation locate(long offset, int limit) throws IOException {
        int start = offsetIndex.lookupPosition(offset);
        BatchLocation found = scanFrom(start, offset, limit);
        if (found == null && start > 0 && readHeader(start, limit) == null) {
            // The index hint did not point at a batch; never trust it and scan the whole segment.
            found = scanFrom(0, offset, limit);
        }
        return found;
    }

    private BatchLocation scanFrom(int position, long offset, int limit) throws IOException {
        while (position < limit) {
            RecordBatchHeader header = readHeader(position, limit);
            if (header == null) {
                return null;
            }
            if (header.lastOffset() >= offset) {
                return new BatchLocation(position, header);
            }
            position += header.sizeInBytes();
        }
        return null;
    }

    /**
     * A batch header and its file position.
     *
     * @param position byte position of the batch in the log file
     * @param header   the batch header
     */
    public record BatchLocation(int position, RecordBatchHeader header) {
    }

    /**
     * Finds the first record whose timestamp is at least {@code timestamp} among batches below
     * {@code limit} bytes, with an offset from {@code minOffset} (inclusive) to {@code maxOffset}
     * (exclusive).
     */
    public Optional<TimestampAndOffset> findOffsetByTimestamp(long timestamp, int limit, long minOffset,
                                                              long maxOffset) throws IOException {
        if (maxTimestamp < timestamp) {
            return Optional.empty();
        }
        long startOffset = Math.max(timeIndex.lookupStartOffset(timestamp), minOffset);
        BatchLocation location = locate(startOffset, limit);
        while (location != null && location.header().lastOffset() < maxOffset) {
            RecordBatchHeader header = location.header();
            if (header.maxTimestamp() >= timestamp) {
                Optional<TimestampAndOffset> found = firstRecordAtOrAfter(location, timestamp, minOffset);
                if (found.isPresent()) {
                    return found;
                }
            }
            int next = location.position() + header.sizeInBytes();
            RecordBatchHeader nextHeader = readHeader(next, limit);
            location = nextHeader == null ? null : new BatchLocation(next, nextHeader);
        }
        return Optional.empty();
    }

    private Optional<TimestampAndOffset> firstRecordAtOrAfter(BatchLocation location, long timestamp, long minOffset)
            throws IOException {
        RecordBatchHeader header = location.header();
        if (header.isLogAppendTime() || header.compression() != CompressionType.NONE) {
            // NOTE: compressed CreateTime batches are not decompressed here, so the result is the
            // batch's first offset at or above minOffset and its max timestamp rather than the exact record.
            return Optional.of(new TimestampAndOffset(header.maxTimestamp(), Math.max(header.baseOffset(), minOffset),
                    header.partitionLeaderEpoch()));
        }
        ByteBuffer batch = readFully(location.position(), header.sizeInBytes());
        for (Record record : RecordBatchReader.records(batch)) {
            if (record.offset() >= minOffset && record.timestamp() >= timestamp) {
                return Optional.of(new TimestampAndOffset(record.timestamp(), record.offset(),
                        header.partitionLeaderEpoch()));
            }
        }
        // No record reaches a max timestamp that the producer set too high. Such a batch still
        // matches if it lies wholly at or above minOffset.
        if (header.baseOffset() >= minOffset) {
            return Optional.of(new TimestampAndOffset(header.maxTimestamp(), header.baseOffset(),
                    header.partitionLeaderEpoch()));
        }
        return Optional.empty();
    }

    /** Reads {@code length} bytes at {@code position} into a new heap buffer. */
    public ByteBuffer readFully(long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        readFully(buffer, position);
        return buffer.flip();
    }

    /** Fills {@code buffer} from its position to its limit with the bytes at {@code position} of the log file. */
    private void readFully(ByteBuffer buffer, long position) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position() - start) < 0) {
                throw new StorageException("Segment " + fileName(baseOffset, LOG_SUFFIX) + " ended at "
                        + (position + buffer.position() - start) + " while reading " + (buffer.limit() - start)
                        + " bytes at " + position);
            }
        }
    }

    /**
     * Returns the size in bytes of the run of whole batches that starts at {@code position}, as a read
     * for a fetch returns it. The run ends before the first batch whose last offset is at or above
     * {@code endOffset}, before the first bytes that are not a plausible batch below {@code limit} (the
     * checks of {@link #readHeader}), and before the batch that would take the run above
     * {@code maxBytes}. When that batch is the first one, the run is that batch if {@code minOneBatch}
     * is true and empty otherwise.
     *
     * <p>Reads only the first {@value #BATCH_BOUNDS_BYTES} bytes of each batch, into one buffer for the
     * whole run, because a fetch of a few hundred small batches would otherwise allocate a buffer and a
     * header per batch.
     */
    public int wholeBatchBytes(int position, int limit, long endOffset, int maxBytes, boolean minOneBatch)
            throws IOException {
        ByteBuffer bounds = ByteBuffer.allocate(BATCH_BOUNDS_BYTES);
        int total = 0;
        while (true) {
            int batchPosition = position + total;
            if (batchPosition < 0 || limit - batchPosition < RecordBatchHeader.HEADER_SIZE) {
                return total;
            }
            bounds.clear();
            readFully(bounds, batchPosition);
            int batchLength = bounds.getInt(RecordBatchHeader.LENGTH_OFFSET);
            int size = RecordBatchHeader.LOG_OVERHEAD + batchLength;
            if (bounds.get(RecordBatchHeader.MAGIC_OFFSET) != RecordBatchHeader.MAGIC_V2
                    || batchLength < RecordBatchHeader.MIN_BATCH_LENGTH || size < 0 || size > limit - batchPosition) {
                return total;
            }
            long lastOffset = bounds.getLong(RecordBatchHeader.BASE_OFFSET_OFFSET)
                    + bounds.getInt(RecordBatchHeader.LAST_OFFSET_DELTA_OFFSET);
            if (lastOffset >= endOffset) {
                return total;
            }
            if ((long) total + size > maxBytes) {
                return total == 0 && minOneBatch ? size : total;
            }
            total += size;
        }
    }

    /** Forces the log file. */
    public void flush(FileSync fileSync) throws IOException {
        fileSync.force(channel);
    }

    /** Forces both index files. */
    public void flushIndexes(FileSync fileSync) throws IOException {
        offsetIndex.flush(fileSync);
        timeIndex.flush(fileSync);
    }

    /** Returns true if one more index entry cannot be added to either index. */
    public boolean indexFull() {
        return offsetIndex.isFull() || timeIndex.isFull();
    }

    /** Takes a reference for a reader; returns false if the segment is already closed. */
    public boolean retain() {
        while (true) {
            int count = refCount.get();
            if (count <= 0) {
                return false;
            }
            if (refCount.compareAndSet(count, count + 1)) {
                return true;
            }
        }
    }

    /** Drops a reference; the last one closes the files and deletes them if marked for deletion. */
    public void release() {
        if (refCount.decrementAndGet() == 0) {
            closeFiles();
        }
    }

    /** Makes the last {@link #release()} delete the files, which then live in {@code currentDir}. */
    public void markForDeletion(Path currentDir) {
        this.dir = currentDir;
        this.deleteOnRelease = true;
    }

    private void closeFiles() {
        try {
            channel.close();
            offsetIndex.close();
            timeIndex.close();
            if (deleteOnRelease) {
                Files.deleteIfExists(dir.resolve(fileName(baseOffset, LOG_SUFFIX)));
                Files.deleteIfExists(dir.resolve(fileName(baseOffset, INDEX_SUFFIX)));
                Files.deleteIfExists(dir.resolve(fileName(baseOffset, TIME_INDEX_SUFFIX)));
                deleteDirIfEmpty();
            }
        } catch (IOException e) {
            throw new StorageException("Failed to close segment " + fileName(baseOffset, LOG_SUFFIX) + " in " + dir, e);
        }
    }

    private void deleteDirIfEmpty() throws IOException {
        try (Stream<Path> remaining = Files.list(dir)) {
            if (remaining.findAny().isEmpty()) {
                Files.deleteIfExists(dir);
            }
        } catch (NoSuchFileException | DirectoryNotEmptyException e) {
            // Another segment of the deleted log removed or refilled the directory first.
        }
    }

    public FileChannel channel() {
        return channel;
    }

    public long baseOffset() {
        return baseOffset;
    }

    /** Returns the bytes of whole batches in the log file. */
    public int size() {
        return size;
    }

    /** Returns the offset after the last batch, or the base offset when empty. */
    public long nextOffset() {
        return nextOffset;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Returns the largest batch max timestamp, or -1 when empty. */
    public long maxTimestamp() {
        return maxTimestamp;
    }

    /** Returns the last offset of the batch carrying {@link #maxTimestamp()}, or -1 when empty. */
    public long offsetOfMaxTimestamp() {
        return offsetOfMaxTimestamp;
    }

    /** Returns the first batch's max timestamp, or -1 when empty. */
    public long firstBatchTimestamp() {
        return firstBatchTimestamp;
    }

    public long createdMs() {
        return createdMs;
    }

    @Override
    public String toString() {
        return "LogSegment(baseOffset=" + baseOffset + ", size=" + size + ", nextOffset=" + nextOffset + ")";
    }
}
