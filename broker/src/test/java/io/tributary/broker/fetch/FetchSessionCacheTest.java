package io.tributary.broker.fetch;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.broker.support.ManualClock;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.FetchResponse;
import io.tributary.protocol.message.RecordsPayload;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class FetchSessionCacheTest {

    private static final PartitionKey P0 = PartitionKey.byName("orders", 0);
    private static final PartitionKey P1 = PartitionKey.byName("orders", 1);

    private final ManualClock clock = new ManualClock(1_000_000);
    private final FetchSessionCache cache = new FetchSessionCache(2, 1000, clock);

    @Test
    void fullFetchWithEpochZeroOpensSession() {
        int sessionId = openSession(P0, P1);

        assertThat(sessionId).isNotZero();
        assertThat(cache.size()).isEqualTo(1);
    }

    @Test
    void sessionlessFetchReturnsSessionIdZero() {
        FetchContext context = cache.newContext(0, -1, false, List.of(fetch(P0, 0)), List.of());

        FetchContext.Result result = context.finish(data(Map.of(P0, partition(10, 0))));

        assertThat(result.sessionId()).isZero();
        assertThat(cache.size()).isZero();
    }

    @Test
    void incrementalFetchReturnsOnlyChangedPartitions() {
        int sessionId = openSession(P0, P1);

        FetchContext context = cache.newContext(sessionId, 1, false, List.of(), List.of());
        assertThat(context.kind()).isEqualTo(FetchContext.Kind.INCREMENTAL);
        assertThat(context.partitions()).extracting(PartitionFetch::key).containsExactly(P0, P1);
        FetchContext.Result result = context.finish(data(Map.of(P0, partition(10, 0), P1, partition(11, 0))));

        assertThat(result.sessionId()).isEqualTo(sessionId);
        assertThat(result.partitions()).containsOnlyKeys(P1);
    }

    @Test
    void incrementalFetchIncludesPartitionWithRecords() {
        int sessionId = openSession(P0);

        FetchContext.Result result = cache.newContext(sessionId, 1, false, List.of(), List.of())
                .finish(data(Map.of(P0, partition(10, 5))));

        assertThat(result.partitions()).containsOnlyKeys(P0);
    }

    @Test
    void incrementalFetchIncludesPartitionWithError() {
        int sessionId = openSession(P0);
        FetchResponse.PartitionData failed = new FetchResponse.PartitionData(0, ErrorCode.OFFSET_OUT_OF_RANGE, 10, 10,
                0, -1, RecordsPayload.EMPTY);

        FetchContext.Result result = cache.newContext(sessionId, 1, false, List.of(), List.of())
                .finish(data(Map.of(P0, failed)));

        assertThat(result.partitions()).containsOnlyKeys(P0);
    }

    @Test
    void incrementalFetchUpdatesPositionsAndForgetsPartitions() {
        int sessionId = openSession(P0, P1);

        FetchContext context = cache.newContext(sessionId, 1, false, List.of(fetch(P0, 7)), List.of(P1));

        assertThat(context.partitions()).containsExactly(fetch(P0, 7));
    }

    @Test
    void partitionsWithRecordsMoveToTheEnd() {
        int sessionId = openSession(P0, P1);
        cache.newContext(sessionId, 1, false, List.of(), List.of()).finish(data(Map.of(P0, partition(10, 5))));

        FetchContext next = cache.newContext(sessionId, 2, false, List.of(), List.of());

        assertThat(next.partitions()).extracting(PartitionFetch::key).containsExactly(P1, P0);
    }

    @Test
    void unknownSessionIsRejected() {
        FetchContext context = cache.newContext(12345, 1, false, List.of(), List.of());

        assertThat(context.error()).isEqualTo(ErrorCode.FETCH_SESSION_ID_NOT_FOUND);
    }

    @Test
    void wrongEpochIsRejected() {
        int sessionId = openSession(P0);

        FetchContext context = cache.newContext(sessionId, 2, false, List.of(), List.of());

        assertThat(context.error()).isEqualTo(ErrorCode.INVALID_FETCH_SESSION_EPOCH);
    }

    @Test
    void epochAdvancesWithEachIncrementalFetch() {
        int sessionId = openSession(P0);
        cache.newContext(sessionId, 1, false, List.of(), List.of()).finish(data(Map.of(P0, partition(10, 0))));

        FetchContext second = cache.newContext(sessionId, 2, false, List.of(), List.of());
        FetchContext replayed = cache.newContext(sessionId, 2, false, List.of(), List.of());

        assertThat(second.error()).isEqualTo(ErrorCode.NONE);
        assertThat(replayed.error()).isEqualTo(ErrorCode.INVALID_FETCH_SESSION_EPOCH);
    }

    @Test
    void switchingBetweenNamesAndIdsIsRejected() {
        int sessionId = openSession(P0);

        FetchContext context = cache.newContext(sessionId, 1, true, List.of(), List.of());

        assertThat(context.error()).isEqualTo(ErrorCode.FETCH_SESSION_TOPIC_ID_ERROR);
    }

    @Test
    void finalEpochClosesSession() {
        int sessionId = openSession(P0);

        FetchContext context = cache.newContext(sessionId, -1, false, List.of(fetch(P0, 10)), List.of());

        assertThat(context.kind()).isEqualTo(FetchContext.Kind.SESSIONLESS);
        assertThat(cache.size()).isZero();
    }

    @Test
    void fullCacheEvictsOnlyIdleSessions() {
        int first = openSession(P0);
        openSession(P0);

        int refused = openSession(P0);
        clock.advance(1000);
        int replacing = openSession(P0);

        assertThat(refused).isZero();
        assertThat(replacing).isNotZero();
        assertThat(cache.sessions()).doesNotContainKey(first);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void sessionIdsAreDistinct() {
        FetchSessionCache large = new FetchSessionCache(100, 1000, clock);
        for (int i = 0; i < 100; i++) {
            large.newContext(0, 0, true, List.of(fetch(PartitionKey.byId(UUID.randomUUID(), 0), 0)), List.of())
                    .finish(Map.of());
        }

        assertThat(large.size()).isEqualTo(100);
    }

    private int openSession(PartitionKey... keys) {
        List<PartitionFetch> fetches = new java.util.ArrayList<>();
        Map<PartitionKey, FetchResponse.PartitionData> sent = new LinkedHashMap<>();
        for (PartitionKey key : keys) {
            fetches.add(fetch(key, 10));
            sent.put(key, partition(10, 0));
        }
        FetchContext context = cache.newContext(0, 0, false, fetches, List.of());
        assertThat(context.kind()).isEqualTo(FetchContext.Kind.FULL);
        return context.finish(sent).sessionId();
    }

    private static PartitionFetch fetch(PartitionKey key, long offset) {
        return new PartitionFetch(key, offset, 1024, -1);
    }

    private static FetchResponse.PartitionData partition(long highWatermark, int recordBytes) {
        return new FetchResponse.PartitionData(0, ErrorCode.NONE, highWatermark, highWatermark, 0, -1,
                new RecordsPayload.Memory(ByteBuffer.allocate(recordBytes)));
    }

    private static Map<PartitionKey, FetchResponse.PartitionData> data(Map<PartitionKey, FetchResponse.PartitionData> in) {
        Map<PartitionKey, FetchResponse.PartitionData> ordered = new LinkedHashMap<>();
        if (in.containsKey(P0)) {
            ordered.put(P0, in.get(P0));
        }
        if (in.containsKey(P1)) {
            ordered.put(P1, in.get(P1));
        }
        return ordered;
    }
}
