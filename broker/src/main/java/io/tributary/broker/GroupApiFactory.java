package io.tributary.broker;

import io.tributary.storage.LogManager;

/**
 * Creates the group coordinator once the broker's storage and topic metadata are open. If the returned
 * {@link GroupApi} is {@link AutoCloseable}, the broker closes it before closing storage.
 */
@FunctionalInterface
public interface GroupApiFactory {

    /**
     * @param config     the broker configuration, including {@link BrokerConfig#group()}
     * @param logManager storage, for the committed-offsets log
     * @param topics     lookup between topic names and ids, for OffsetCommit v10+ and OffsetFetch
     */
    GroupApi create(BrokerConfig config, LogManager logManager, TopicIdResolver topics);
}
