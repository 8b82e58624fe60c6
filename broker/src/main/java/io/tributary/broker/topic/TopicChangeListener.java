package io.tributary.broker.topic;

import io.tributary.broker.metadata.TopicImage;

/** Callback run after a topic was deleted, so waiting fetches and cached state can let go of it. */
@FunctionalInterface
public interface TopicChangeListener {

    void onTopicDeleted(TopicImage topic);
}
