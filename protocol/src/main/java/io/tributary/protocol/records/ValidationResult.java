package io.tributary.protocol.records;

import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ProduceResponse;
import java.util.List;

/**
 * The outcome of validating one partition's records from a Produce request.
 *
 * @param error        {@link ErrorCode#NONE} if every batch may be appended, otherwise the partition's error
 * @param errorMessage the message for the partition response, or null when valid
 * @param recordErrors the records that made a batch invalid, by index in the batch (INVALID_RECORD and
 *                     INVALID_TIMESTAMP only); empty otherwise
 * @param batches      the validated batches in order; empty unless valid
 */
public record ValidationResult(ErrorCode error, String errorMessage, List<ProduceResponse.RecordError> recordErrors,
                               List<BatchInfo> batches) {

    public ValidationResult {
        recordErrors = List.copyOf(recordErrors);
        batches = List.copyOf(batches);
    }

    public boolean isValid() {
        return error == ErrorCode.NONE;
    }

    static ValidationResult valid(List<BatchInfo> batches) {
        return new ValidationResult(ErrorCode.NONE, null, List.of(), batches);
    }

    static ValidationResult invalid(ErrorCode error, String message) {
        return new ValidationResult(error, message, List.of(), List.of());
    }

    static ValidationResult invalid(ErrorCode error, String message, List<ProduceResponse.RecordError> recordErrors) {
        return new ValidationResult(error, message, recordErrors, List.of());
    }
}
