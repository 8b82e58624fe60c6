package io.tributary.broker.produce;

import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.InitProducerIdRequest;
import io.tributary.protocol.message.InitProducerIdResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Handles InitProducerId for idempotent producers.
 *
 * <p>Without a producer id the producer gets a new id with epoch 0. With an existing id and epoch (v3+) the
 * epoch is bumped; when the bumped epoch would reach {@link Short#MAX_VALUE} a new id with epoch 0 is
 * returned instead.
 *
 * <p>Errors: INVALID_REQUEST for a transactional id, because Tributary does not implement transactions:
 * kafka-clients treats the code as fatal, so {@code initTransactions()} fails at once instead of retrying;
 * INVALID_REQUEST also when only one of producer id and epoch is set; INVALID_PRODUCER_ID_MAPPING for a
 * producer id this cluster never issued; COORDINATOR_LOAD_IN_PROGRESS (retriable) when a new block of ids
 * could not be reserved on disk.
 */
public final class InitProducerIdHandler {

    /** Message returned to clients that use transactions. */
    public static final String TRANSACTIONS_UNSUPPORTED = "Tributary does not support transactions; "
            + "use an idempotent producer without transactional.id";

    private static final Logger log = LoggerFactory.getLogger(InitProducerIdHandler.class);

    private final ProducerIdManager producerIds;

    public InitProducerIdHandler(ProducerIdManager producerIds) {
        this.producerIds = producerIds;
    }

    public InitProducerIdResponse handle(InitProducerIdRequest request) {
        if (request.transactionalId() != null) {
            log.info("[InitProducerId] Rejecting transactional id {}: transactions are not supported",
                    request.transactionalId());
            return failed(ErrorCode.INVALID_REQUEST);
        }
        boolean hasId = request.producerId() != -1;
        boolean hasEpoch = request.producerEpoch() != -1;
        if (hasId != hasEpoch) {
            return failed(ErrorCode.INVALID_REQUEST);
        }
        if (hasId && !producerIds.wasIssued(request.producerId())) {
            return failed(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
        }
        if (hasId && request.producerEpoch() >= 0 && request.producerEpoch() < Short.MAX_VALUE - 1) {
            return new InitProducerIdResponse(0, ErrorCode.NONE, request.producerId(),
                    (short) (request.producerEpoch() + 1));
        }
        if (hasId && request.producerEpoch() < 0) {
            return failed(ErrorCode.INVALID_REQUEST);
        }
        try {
            return new InitProducerIdResponse(0, ErrorCode.NONE, producerIds.nextProducerId(), (short) 0);
        } catch (IOException e) {
            log.error("[InitProducerId] Failed to reserve producer ids", e);
            return failed(ErrorCode.COORDINATOR_LOAD_IN_PROGRESS);
        }
    }

    private static InitProducerIdResponse failed(ErrorCode error) {
        return new InitProducerIdResponse(0, error, -1, (short) -1);
    }
}
