package io.tributary.broker.topic;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.config.ConfigKey;
import io.tributary.broker.config.ConfigSource;
import io.tributary.broker.config.TopicConfig;
import io.tributary.broker.config.TopicConfigs;
import io.tributary.broker.metadata.MetadataStore;
import io.tributary.broker.metadata.TopicImage;
import io.tributary.broker.metadata.TopicNames;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.DescribeConfigsRequest;
import io.tributary.protocol.message.DescribeConfigsResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Handles DescribeConfigs for topic and broker resources. Every setting Tributary implements is reported
 * with its effective value and source: an override on the topic (dynamic topic), a value in the server's
 * configuration (static broker) or Tributary's default, which may differ from Apache Kafka's. Topic entries
 * are not read-only because AlterConfigs and IncrementalAlterConfigs change them; broker entries are read-only
 * because Tributary has no dynamic broker settings.
 *
 * <p>Per-resource errors: UNKNOWN_TOPIC_OR_PARTITION (unknown topic), INVALID_TOPIC_EXCEPTION (illegal
 * topic name), INVALID_REQUEST (broker name that is not this node's id, or an unsupported resource type).
 */
public final class DescribeConfigsHandler {

    private final BrokerConfig config;
    private final MetadataStore metadata;
    private final TopicConfigs topicConfigs;
    private final BrokerSettings brokerSettings;

    public DescribeConfigsHandler(BrokerConfig config, MetadataStore metadata, TopicConfigs topicConfigs) {
        this.config = config;
        this.metadata = metadata;
        this.topicConfigs = topicConfigs;
        this.brokerSettings = new BrokerSettings(config, topicConfigs);
    }

    public DescribeConfigsResponse handle(DescribeConfigsRequest request) {
        List<DescribeConfigsResponse.Result> results = new ArrayList<>();
        for (DescribeConfigsRequest.Resource resource : request.resources()) {
            results.add(describe(resource, request.includeSynonyms(), request.includeDocumentation()));
        }
        return new DescribeConfigsResponse(0, results);
    }

    private DescribeConfigsResponse.Result describe(DescribeConfigsRequest.Resource resource, boolean synonyms,
                                                    boolean documentation) {
        switch (resource.resourceType()) {
            case DescribeConfigsRequest.RESOURCE_TOPIC:
                return describeTopic(resource, synonyms, documentation);
            case DescribeConfigsRequest.RESOURCE_BROKER:
                return describeBroker(resource, synonyms, documentation);
            default:
                return failed(resource, ErrorCode.INVALID_REQUEST, "Resource type " + resource.resourceType()
                        + " is not supported; Tributary describes topics (2) and brokers (4)");
        }
    }

    private DescribeConfigsResponse.Result describeTopic(DescribeConfigsRequest.Resource resource, boolean synonyms,
                                                         boolean documentation) {
        String name = resource.resourceName();
        Optional<String> invalid = TopicNames.invalidReason(name);
        if (invalid.isPresent()) {
            return failed(resource, ErrorCode.INVALID_TOPIC_EXCEPTION, invalid.get());
        }
        Optional<TopicImage> topic = metadata.image().topic(name);
        if (topic.isEmpty()) {
            return failed(resource, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, "Topic " + name + " does not exist");
        }
        TopicConfig effective = topicConfigs.resolve(topic.get().configs());
        List<DescribeConfigsResponse.ConfigEntry> entries = new ArrayList<>();
        for (ConfigKey key : TopicConfigs.DEFINITIONS) {
            if (!requested(resource, key.name())) {
                continue;
            }
            List<DescribeConfigsResponse.Synonym> synonymList = synonyms ? topicSynonyms(key, effective) : List.of();
            entries.add(new DescribeConfigsResponse.ConfigEntry(key.name(), effective.value(key.name()), false,
                    effective.source(key, topicConfigs).wireValue(), false, synonymList, key.type().wireValue(),
                    documentation ? key.documentation() : null));
        }
        return new DescribeConfigsResponse.Result(ErrorCode.NONE, null, resource.resourceType(), name, entries);
    }

    private List<DescribeConfigsResponse.Synonym> topicSynonyms(ConfigKey key, TopicConfig effective) {
        List<DescribeConfigsResponse.Synonym> synonyms = new ArrayList<>();
        if (effective.overrides().containsKey(key.name())) {
            synonyms.add(new DescribeConfigsResponse.Synonym(key.name(), effective.overrides().get(key.name()),
                    ConfigSource.DYNAMIC_TOPIC.wireValue()));
        }
        if (topicConfigs.brokerSource(key) == ConfigSource.STATIC_BROKER) {
            synonyms.add(new DescribeConfigsResponse.Synonym(key.brokerKey(), topicConfigs.brokerValue(key),
                    ConfigSource.STATIC_BROKER.wireValue()));
        }
        synonyms.add(new DescribeConfigsResponse.Synonym(key.brokerKey(), key.defaultValue(),
                ConfigSource.DEFAULT.wireValue()));
        return synonyms;
    }

    private DescribeConfigsResponse.Result describeBroker(DescribeConfigsRequest.Resource resource, boolean synonyms,
                                                          boolean documentation) {
        String name = resource.resourceName();
        if (name == null || name.isEmpty()) {
            // The cluster-wide dynamic defaults, of which Tributary has none.
            return new DescribeConfigsResponse.Result(ErrorCode.NONE, null, resource.resourceType(), "", List.of());
        }
        if (!name.equals(Integer.toString(config.nodeId()))) {
            return failed(resource, ErrorCode.INVALID_REQUEST, "Unexpected broker id, expected " + config.nodeId()
                    + " or empty string, but received " + name);
        }
        List<DescribeConfigsResponse.ConfigEntry> entries = new ArrayList<>();
        for (BrokerSettings.Setting setting : brokerSettings.settings()) {
            if (!requested(resource, setting.name())) {
                continue;
            }
            List<DescribeConfigsResponse.Synonym> synonymList = synonyms ? brokerSynonyms(setting) : List.of();
            entries.add(new DescribeConfigsResponse.ConfigEntry(setting.name(), setting.value(), true,
                    setting.source().wireValue(), false, synonymList, setting.type().wireValue(),
                    documentation ? setting.documentation() : null));
        }
        return new DescribeConfigsResponse.Result(ErrorCode.NONE, null, resource.resourceType(), name, entries);
    }

    private static List<DescribeConfigsResponse.Synonym> brokerSynonyms(BrokerSettings.Setting setting) {
        List<DescribeConfigsResponse.Synonym> synonyms = new ArrayList<>();
        if (setting.source() == ConfigSource.STATIC_BROKER) {
            synonyms.add(new DescribeConfigsResponse.Synonym(setting.name(), setting.value(),
                    ConfigSource.STATIC_BROKER.wireValue()));
        }
        if (setting.defaultValue() != null) {
            synonyms.add(new DescribeConfigsResponse.Synonym(setting.name(), setting.defaultValue(),
                    ConfigSource.DEFAULT.wireValue()));
        }
        return synonyms;
    }

    private static boolean requested(DescribeConfigsRequest.Resource resource, String name) {
        return resource.configurationKeys() == null || resource.configurationKeys().contains(name);
    }

    private static DescribeConfigsResponse.Result failed(DescribeConfigsRequest.Resource resource, ErrorCode error,
                                                         String message) {
        return new DescribeConfigsResponse.Result(error, message, resource.resourceType(), resource.resourceName(),
                List.of());
    }
}
