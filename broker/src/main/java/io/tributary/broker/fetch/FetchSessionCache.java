package io.tributary.broker.fetch;

import io.tributary.protocol.ErrorCode;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incremental fetch sessions of KIP-227, bounded in number.
 *
 * <p>Request fields decide the kind of fetch: epoch -1 is a full fetch without a session (closing the
 * named session, if any); epoch 0 is a full fetch that closes the named session and opens a new one;
 * any other epoch is an incremental fetch in the named session and must equal the session's next epoch.
 *
 * <p>When the cache is full, a new session replaces the least recently used one only if that one has been
 * idle for at least the minimum eviction age; otherwise the fetch is served without a session.
 *
 * <p>Thread-safe.
 */
public final class FetchSessionCache {

    /** Idle time after which a session may be evicted to make room, as in Apache Kafka 4.4. */
    public static final long DEFAULT_EVICTION_MIN_AGE_MS = 120_000;

    private static final Logger log = LoggerFactory.getLogger(FetchSessionCache.class);

    private final int maxSessions;
    private final long evictionMinAgeMs;
    private final Clock clock;
    /** Sessions in least-recently-used order; guarded by {@code this}. */
    private final LinkedHashMap<Integer, FetchSession> sessions = new LinkedHashMap<>(16, 0.75f, true);

    /**
     * @param maxSessions      maximum sessions kept; 0 disables sessions
     * @param evictionMinAgeMs minimum idle time before a session may be evicted for a new one
     * @param clock            source of the current time
     */
    public FetchSessionCache(int maxSessions, long evictionMinAgeMs, Clock clock) {
        this.maxSessions = maxSessions;
        this.evictionMinAgeMs = evictionMinAgeMs;
        this.clock = clock;
    }

    /**
     * Decides how a fetch request is served and applies its session changes (epoch bump, added, updated
     * and forgotten partitions).
     *
     * @param sessionId    the request's session id, 0 for none
     * @param sessionEpoch the request's session epoch
     * @param usesTopicIds true for Fetch v13+, which names topics by id
     * @param requested    the partitions named in the request
     * @param forgotten    the partitions the request removes from its session
     * @return the context; its error is FETCH_SESSION_ID_NOT_FOUND for an unknown session,
     *         INVALID_FETCH_SESSION_EPOCH for a wrong epoch, FETCH_SESSION_TOPIC_ID_ERROR when the request
     *         names topics differently (by name or id) from the request that opened the session
     */
    public FetchContext newContext(int sessionId, int sessionEpoch, boolean usesTopicIds,
                                   List<PartitionFetch> requested, List<PartitionKey> forgotten) {
        if (sessionEpoch == -1 || sessionEpoch == 0) {
            if (sessionId != 0) {
                remove(sessionId);
            }
            FetchContext.Kind kind = sessionEpoch == -1 ? FetchContext.Kind.SESSIONLESS : FetchContext.Kind.FULL;
            return new FetchContext(kind, ErrorCode.NONE, requested, null, this, usesTopicIds);
        }

        FetchSession session;
        synchronized (this) {
            session = sessions.get(sessionId);
        }
        if (session == null) {
            return error(ErrorCode.FETCH_SESSION_ID_NOT_FOUND, usesTopicIds);
        }
        synchronized (session) {
            if (session.nextEpoch() != sessionEpoch) {
                return error(ErrorCode.INVALID_FETCH_SESSION_EPOCH, usesTopicIds);
            }
            if (session.usesTopicIds() != usesTopicIds) {
                return error(ErrorCode.FETCH_SESSION_TOPIC_ID_ERROR, usesTopicIds);
            }
            session.update(requested, forgotten, clock.millis());
            return new FetchContext(FetchContext.Kind.INCREMENTAL, ErrorCode.NONE, session.fetches(), session, this,
                    usesTopicIds);
        }
    }

    /** Returns the number of sessions in the cache. */
    public synchronized int size() {
        return sessions.size();
    }

    /** Removes a session; returns false if it did not exist. */
    public synchronized boolean remove(int sessionId) {
        return sessions.remove(sessionId) != null;
    }

    /** Opens a session for a full fetch, or returns null when the cache is full of recently used sessions. */
    synchronized FetchSession maybeCreate(List<PartitionFetch> partitions, boolean usesTopicIds) {
        if (maxSessions == 0) {
            return null;
        }
        long now = clock.millis();
        if (sessions.size() >= maxSessions && !evictLeastRecentlyUsed(now)) {
            return null;
        }
        int id;
        do {
            id = ThreadLocalRandom.current().nextInt(1, Integer.MAX_VALUE);
        } while (sessions.containsKey(id));
        FetchSession session = new FetchSession(id, usesTopicIds, partitions, now);
        sessions.put(id, session);
        return session;
    }

    private boolean evictLeastRecentlyUsed(long now) {
        Iterator<FetchSession> oldest = sessions.values().iterator();
        FetchSession candidate = oldest.next();
        if (now - candidate.lastUsedMs() < evictionMinAgeMs) {
            log.debug("[FetchSessionCache] No session created: all {} sessions were used in the last {} ms",
                    sessions.size(), evictionMinAgeMs);
            return false;
        }
        oldest.remove();
        log.debug("[FetchSessionCache] Evicted session {} idle for {} ms", candidate.id(),
                now - candidate.lastUsedMs());
        return true;
    }

    private FetchContext error(ErrorCode error, boolean usesTopicIds) {
        return new FetchContext(FetchContext.Kind.SESSION_ERROR, error, List.of(), null, this, usesTopicIds);
    }

    /** Returns the sessions by id; for tests. */
    synchronized Map<Integer, FetchSession> sessions() {
        return Map.copyOf(sessions);
    }
}
