package io.tributary.protocol.codec;

import io.netty.buffer.ByteBufAllocator;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ApiVersionTable;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.RequestHeader;
import io.tributary.protocol.message.ApiResponse;
import io.tributary.protocol.message.ApiVersionsResponse;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.RecordsPayload;
import java.util.List;
import org.apache.kafka.common.message.ResponseHeaderData;
import org.apache.kafka.common.protocol.ApiKeys;
import org.apache.kafka.common.protocol.ApiMessage;
import org.apache.kafka.common.protocol.ObjectSerializationCache;

/**
 * Encodes responses with kafka-clients' generated message classes.
 *
 * <p>Frame layout (big-endian):
 * <pre>
 * +--------+----------------+---------------+---------------------------------------+
 * | size   | correlation id | tagged fields | response body                         |
 * | int32  | int32          | header v1     | generated *ResponseData at the version |
 * +--------+----------------+---------------+---------------------------------------+
 * </pre>
 * {@code size} counts every byte after itself. The header version comes from
 * {@code ApiKeys.responseHeaderVersion} (ApiVersions always uses header v0).
 *
 * <p>Fetch record data given as {@code RecordsPayload.FileSlice} becomes a {@link SliceFileRegion} part
 * between the buffers, so the network layer can send it with {@code sendfile}. The region reads the slice's
 * open channel and releases the slice when it is deallocated, so data read before its segment was deleted is
 * still sent. Buffers come from the configured allocator (pooled by default) and are owned by the returned
 * {@link io.tributary.protocol.codec.ResponseFrame}. Thread-safe.
 */
public final class KafkaResponseEncoder implements ResponseEncoder {

    private final ByteBufAllocator allocator;

    public KafkaResponseEncoder() {
        this(ByteBufAllocator.DEFAULT);
    }

    public KafkaResponseEncoder(ByteBufAllocator allocator) {
        this.allocator = allocator;
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException if {@code response} is not a response to {@code header}'s API, or
     *                                  contains a value that the request's version cannot carry
     */
    @Override
    public ResponseFrame encode(RequestHeader header, ApiResponse response) {
        try {
            return encodeBody(header, response);
        } catch (RuntimeException e) {
            // Payloads already inside regions were released with the regions; release the rest.
            response.release();
            throw e;
        }
    }

    private ResponseFrame encodeBody(RequestHeader header, ApiResponse response) {
        ApiKey key = ResponseMapper.apiKeyOf(response);
        if (key != header.apiKey()) {
            throw new IllegalArgumentException("response " + response.getClass().getSimpleName()
                    + " does not answer a " + header.apiKey() + " request");
        }
        ApiMessage body = ResponseMapper.toData(response, header.apiVersion());
        short headerVersion = ApiKeys.forId(key.id()).responseHeaderVersion(header.apiVersion());
        return write(header.correlationId(), headerVersion, body, header.apiVersion(), fileSliceBytes(response));
    }

    /** Returns the bytes of a response that travel as file regions rather than in buffers. */
    private static long fileSliceBytes(ApiResponse response) {
        long bytes = 0;
        if (response instanceof FetchResponse fetch) {
            for (FetchResponse.FetchableTopic topic : fetch.topics()) {
                for (FetchResponse.PartitionData partition : topic.partitions()) {
                    if (partition.records() instanceof RecordsPayload.FileSlice slice) {
                        bytes += slice.size();
                    }
                }
            }
        }
        return bytes;
    }

    @Override
    public ResponseFrame encodeUnsupportedApiVersions(int correlationId) {
        ApiVersionTable.VersionRange range = ApiVersionTable.advertised(ApiKey.API_VERSIONS);
        ApiVersionsResponse response = new ApiVersionsResponse(ErrorCode.UNSUPPORTED_VERSION,
                List.of(new ApiVersionsResponse.ApiVersion(ApiKey.API_VERSIONS.id(), range.min(), range.max())), 0);
        return write(correlationId, (short) 0, ResponseMapper.apiVersions(response), (short) 0, 0L);
    }

    private ResponseFrame write(int correlationId, short headerVersion, ApiMessage body, short version,
                                long fileSliceBytes) {
        ResponseHeaderData header = new ResponseHeaderData().setCorrelationId(correlationId);
        ObjectSerializationCache cache = new ObjectSerializationCache();
        int headerSize = header.size(cache, headerVersion);
        int bodySize;
        try {
            bodySize = body.size(cache, version);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("cannot encode " + body.getClass().getSimpleName() + " at version "
                    + version + ": " + e.getMessage(), e);
        }
        long frameSize = 4L + headerSize + bodySize;
        FrameWritable writable = new FrameWritable(allocator, frameSize - fileSliceBytes);
        try {
            writable.writeInt(headerSize + bodySize);
            header.write(writable, cache, headerVersion);
            body.write(writable, cache, version);
            return new ResponseFrame(writable.finish(), frameSize);
        } catch (RuntimeException e) {
            writable.release();
            throw new IllegalArgumentException("cannot encode " + body.getClass().getSimpleName() + " at version "
                    + version + ": " + e.getMessage(), e);
        }
    }
}
