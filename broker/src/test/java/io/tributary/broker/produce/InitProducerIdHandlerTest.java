package io.tributary.broker.produce;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.support.BrokerHarness;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.InitProducerIdRequest;
import io.tributary.protocol.message.InitProducerIdResponse;
import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class InitProducerIdHandlerTest {

    @RegisterExtension
    final BrokerHarness harness = BrokerHarness.perTest();

    @Test
    void newProducerGetsDistinctIdsWithEpochZero() {
        InitProducerIdResponse first = init(-1, -1);
        InitProducerIdResponse second = init(-1, -1);

        assertThat(first.error()).isEqualTo(ErrorCode.NONE);
        assertThat(first.producerEpoch()).isZero();
        assertThat(second.producerId()).isNotEqualTo(first.producerId());
    }

    @Test
    void idsAreNeverReusedAfterRestart() throws IOException {
        Set<Long> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            ids.add(init(-1, -1).producerId());
        }
        harness.restart();

        for (int i = 0; i < 5; i++) {
            assertThat(ids.add(init(-1, -1).producerId())).isTrue();
        }
    }

    @Test
    void existingProducerGetsEpochBump() {
        InitProducerIdResponse first = init(-1, -1);

        InitProducerIdResponse bumped = init(first.producerId(), 4);

        assertThat(bumped.error()).isEqualTo(ErrorCode.NONE);
        assertThat(bumped.producerId()).isEqualTo(first.producerId());
        assertThat(bumped.producerEpoch()).isEqualTo((short) 5);
    }

    @Test
    void exhaustedEpochGetsNewId() {
        InitProducerIdResponse first = init(-1, -1);

        InitProducerIdResponse renewed = init(first.producerId(), Short.MAX_VALUE - 1);

        assertThat(renewed.error()).isEqualTo(ErrorCode.NONE);
        assertThat(renewed.producerId()).isNotEqualTo(first.producerId());
        assertThat(renewed.producerEpoch()).isZero();
    }

    @Test
    void producerIdWithoutEpochIsInvalid() {
        InitProducerIdResponse first = init(-1, -1);

        assertThat(init(first.producerId(), -1).error()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    @Test
    void neverIssuedIdIsRejected() {
        assertThat(init(123_456_789L, 0).error()).isEqualTo(ErrorCode.INVALID_PRODUCER_ID_MAPPING);
    }

    @Test
    void transactionalIdIsRejectedAtOnce() {
        InitProducerIdResponse response = harness.send(ApiKey.INIT_PRODUCER_ID, 4,
                new InitProducerIdRequest("tx-1", 60000, -1, (short) -1));

        assertThat(response.error()).isEqualTo(ErrorCode.INVALID_REQUEST);
    }

    private InitProducerIdResponse init(long producerId, int epoch) {
        return harness.send(ApiKey.INIT_PRODUCER_ID, 4, new InitProducerIdRequest(null, 60000, producerId, (short) epoch));
    }
}
