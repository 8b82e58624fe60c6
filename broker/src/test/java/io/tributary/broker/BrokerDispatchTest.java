package io.tributary.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.support.BrokerHarness;
import io.tributary.protocol.ApiKey;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.ApiRequest;
import io.tributary.protocol.message.ApiResponse;
import io.tributary.protocol.message.ApiVersionsRequest;
import io.tributary.protocol.message.ApiVersionsResponse;
import io.tributary.protocol.message.FindCoordinatorRequest;
import io.tributary.protocol.message.FindCoordinatorResponse;
import io.tributary.protocol.message.OffsetCommitRequest;
import io.tributary.protocol.message.OffsetCommitResponse;
import io.tributary.protocol.message.TopicIds;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BrokerDispatchTest {

    @RegisterExtension
    final BrokerHarness harness = BrokerHarness.perTest();

    @Test
    void apiVersionsLeavesRangesToProtocol() {
        ApiVersionsResponse response = harness.send(ApiKey.API_VERSIONS, 3, new ApiVersionsRequest("test", "1"));

        assertThat(response.error()).isEqualTo(ErrorCode.NONE);
        assertThat(response.apiKeys()).isEmpty();
    }

    @Test
    void transactionCoordinatorLookupFailsAtOnce() {
        FindCoordinatorResponse response = harness.send(ApiKey.FIND_COORDINATOR, 4,
                new FindCoordinatorRequest(FindCoordinatorRequest.KEY_TYPE_TRANSACTION, List.of("tx-1")));

        assertThat(response.coordinators().get(0).error()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(response.coordinators().get(0).errorMessage()).contains("transactions");
    }

    @Test
    void groupCoordinatorLookupGoesToGroupApi() {
        FindCoordinatorResponse response = harness.send(ApiKey.FIND_COORDINATOR, 4,
                new FindCoordinatorRequest(FindCoordinatorRequest.KEY_TYPE_GROUP, List.of("group-1")));

        assertThat(response.coordinators().get(0).error()).isEqualTo(ErrorCode.COORDINATOR_NOT_AVAILABLE);
    }

    @Test
    void handlerFailureBecomesUnknownServerError() {
        OffsetCommitRequest request = new OffsetCommitRequest("group-1", -1, "", null, -1, List.of(
                new OffsetCommitRequest.Topic("orders", TopicIds.ZERO,
                        List.of(new OffsetCommitRequest.Partition(0, 5, -1, null)))));

        OffsetCommitResponse response = harness.send(ApiKey.OFFSET_COMMIT, 8, request);

        assertThat(response.topics().get(0).partitions().get(0).error()).isEqualTo(ErrorCode.UNKNOWN_SERVER_ERROR);
    }

    @Test
    void unknownRequestTypeFailsWithoutThrowing() {
        CompletableFuture<ApiResponse> response = harness.dispatch(ApiKey.METADATA, 12, new ApiRequest() {
        });

        assertThat(response).isCompletedExceptionally();
    }
}
