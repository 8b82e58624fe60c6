package io.tributary.protocol.message;

/**
 * InitProducerId request. Without a transactional id it allocates a producer id for an idempotent
 * producer; {@code producerId}/{@code producerEpoch} (v3+) ask to bump the epoch of an existing one.
 */
public record InitProducerIdRequest(String transactionalId, int transactionTimeoutMs, long producerId,
                                    short producerEpoch) implements ApiRequest {
}
