package io.tributary.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.kafka.common.protocol.Errors;
import org.junit.jupiter.api.Test;

class ErrorCodeTest {

    @Test
    void everyErrorCodeEqualsKafkaCode() {
        for (ErrorCode error : ErrorCode.values()) {
            Errors kafka = Errors.valueOf(error.name());

            assertThat(error.code()).as("code of %s", error).isEqualTo(kafka.code());
        }
    }
}
