package io.tributary.broker.fetch;

import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.FetchResponse;
import java.util.List;
import java.util.Map;

/**
 * How one fetch request relates to fetch sessions, decided by {@link FetchSessionCache#newContext}: a
 * session error, a full fetch without a session, a full fetch that opens a session, or an incremental
 * fetch in an existing session.
 *
 * <p>The fetch handler reads {@link #partitions()}, then passes what it read to {@link #finish} once, which
 * returns the session id and the entries to put in the response.
 */
public final class FetchContext {

    /** The kind of fetch. */
    public enum Kind { SESSION_ERROR, SESSIONLESS, FULL, INCREMENTAL }

    private final Kind kind;
    private final ErrorCode error;
    private final List<PartitionFetch> partitions;
    private final FetchSession session;
    private final FetchSessionCache cache;
    private final boolean usesTopicIds;

    FetchContext(Kind kind, ErrorCode error, List<PartitionFetch> partitions, FetchSession session,
                 FetchSessionCache cache, boolean usesTopicIds) {
        this.kind = kind;
        this.error = error;
        this.partitions = List.copyOf(partitions);
        this.session = session;
        this.cache = cache;
        this.usesTopicIds = usesTopicIds;
    }

    public Kind kind() {
        return kind;
    }

    /** Returns the top-level error of a session error, otherwise {@link ErrorCode#NONE}. */
    public ErrorCode error() {
        return error;
    }

    /** Returns the partitions to read: the request's for a full fetch, the whole session's for an incremental one. */
    public List<PartitionFetch> partitions() {
        return partitions;
    }

    /**
     * Completes the fetch: opens the session of a full fetch (if the cache has room) and records what is sent
     * for each partition of a session.
     *
     * @param data every partition of {@link #partitions()} with what was read for it, in the same order
     * @return the session id to return and the entries the response contains
     */
    public Result finish(Map<PartitionKey, FetchResponse.PartitionData> data) {
        switch (kind) {
            case FULL: {
                FetchSession created = cache.maybeCreate(partitions, usesTopicIds);
                if (created == null) {
                    return new Result(0, data);
                }
                return new Result(created.id(), created.recordSent(data, true));
            }
            case INCREMENTAL:
                return new Result(session.id(), session.recordSent(data, false));
            default:
                return new Result(0, data);
        }
    }

    /**
     * The outcome of a fetch.
     *
     * @param sessionId  the session id to put in the response, 0 for none
     * @param partitions the entries of the response, in request order
     */
    public record Result(int sessionId, Map<PartitionKey, FetchResponse.PartitionData> partitions) {
    }
}
