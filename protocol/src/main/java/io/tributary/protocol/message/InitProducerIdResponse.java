package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;

/** InitProducerId response. */
public record InitProducerIdResponse(int throttleTimeMs, ErrorCode error, long producerId, short producerEpoch)
        implements ApiResponse {
}
