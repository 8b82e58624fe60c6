package io.tributary.broker.topic;

import io.tributary.broker.BrokerConfig;
import io.tributary.broker.RequestDuplicates;
import io.tributary.broker.config.ConfigChange;
import io.tributary.broker.config.TopicConfigs;
import io.tributary.broker.metadata.TopicNames;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.AlterConfigsRequest;
import io.tributary.protocol.message.AlterConfigsResponse;
import io.tributary.protocol.message.DescribeConfigsRequest;
import io.tributary.protocol.message.IncrementalAlterConfigsRequest;
import io.tributary.protocol.message.IncrementalAlterConfigsResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Handles IncrementalAlterConfigs and the older AlterConfigs for topic resources. IncrementalAlterConfigs
 * changes the named settings (SET, DELETE, and APPEND or SUBTRACT on list settings); AlterConfigs replaces
 * every override of the topic with the listed settings. A resource's changes are applied together or not at
 * all, are durable in the metadata log before the response, and apply to the topic's partitions at once.
 *
 * <p>Tributary has no dynamic broker settings, so a change of a broker resource is rejected as Kafka 4.4
 * rejects a broker setting that cannot be updated dynamically: INVALID_REQUEST "Cannot update these configs
 * dynamically". Changing logger levels (resource type 8) is not supported either.
 *
 * <p>Per-resource errors, with the messages of Kafka 4.4 where Kafka has the same case:
 * <ul>
 *   <li>INVALID_REQUEST: a resource listed twice, a key listed twice, a null value (except for DELETE), an
 *       unknown operation, an empty topic name, a broker resource other than this node, any change of a broker
 *       setting or logger level, an unsupported resource type</li>
 *   <li>INVALID_TOPIC_EXCEPTION: an illegal topic name</li>
 *   <li>INVALID_CONFIG: an unknown topic setting, a value of the wrong type or outside its valid range (the
 *       message names the value and the range), APPEND or SUBTRACT on a setting that is not a list</li>
 *   <li>UNKNOWN_TOPIC_OR_PARTITION: the topic does not exist</li>
 *   <li>KAFKA_STORAGE_ERROR: the change could not be written to the metadata log</li>
 * </ul>
 *
 * <p>Thread-safe: topic changes are serialized by the {@link TopicManager}.
 */
public final class AlterConfigsHandler {

    private static final byte RESOURCE_TOPIC = DescribeConfigsRequest.RESOURCE_TOPIC;
    private static final byte RESOURCE_BROKER = DescribeConfigsRequest.RESOURCE_BROKER;
    private static final byte RESOURCE_BROKER_LOGGER = DescribeConfigsRequest.RESOURCE_BROKER_LOGGER;

    private final BrokerConfig config;
    private final TopicManager topics;
    private final TopicConfigs topicConfigs;

    public AlterConfigsHandler(BrokerConfig config, TopicManager topics, TopicConfigs topicConfigs) {
        this.config = config;
        this.topics = topics;
        this.topicConfigs = topicConfigs;
    }

    public IncrementalAlterConfigsResponse handle(IncrementalAlterConfigsRequest request) {
        Set<String> duplicates = RequestDuplicates.keys(request.resources(),
                resource -> resourceKey(resource.resourceType(), resource.resourceName()));
        List<AlterConfigsResponse.Result> results = new ArrayList<>(request.resources().size());
        for (IncrementalAlterConfigsRequest.Resource resource : request.resources()) {
            Outcome outcome = duplicates.contains(resourceKey(resource.resourceType(), resource.resourceName()))
                    ? Outcome.failed(ErrorCode.INVALID_REQUEST, "Each resource must appear at most once.")
                    : alter(resource, request.validateOnly());
            results.add(new AlterConfigsResponse.Result(outcome.error(), outcome.message(), resource.resourceType(),
                    resource.resourceName()));
        }
        return new IncrementalAlterConfigsResponse(0, results);
    }

    public AlterConfigsResponse handle(AlterConfigsRequest request) {
        Set<String> duplicates = RequestDuplicates.keys(request.resources(),
                resource -> resourceKey(resource.resourceType(), resource.resourceName()));
        List<AlterConfigsResponse.Result> results = new ArrayList<>(request.resources().size());
        for (AlterConfigsRequest.Resource resource : request.resources()) {
            Outcome outcome = duplicates.contains(resourceKey(resource.resourceType(), resource.resourceName()))
                    ? Outcome.failed(ErrorCode.INVALID_REQUEST, "Each resource must appear at most once.")
                    : replace(resource, request.validateOnly());
            results.add(new AlterConfigsResponse.Result(outcome.error(), outcome.message(), resource.resourceType(),
                    resource.resourceName()));
        }
        return new AlterConfigsResponse(0, results);
    }

    private Outcome alter(IncrementalAlterConfigsRequest.Resource resource, boolean validateOnly) {
        List<String> names = new ArrayList<>();
        List<String> nullValues = new ArrayList<>();
        List<ConfigChange> changes = new ArrayList<>();
        for (IncrementalAlterConfigsRequest.Change change : resource.configs()) {
            names.add(change.name());
            if (change.operation() < 0 || change.operation() >= ConfigChange.Operation.values().length) {
                return Outcome.failed(ErrorCode.INVALID_REQUEST, "Unknown operations type " + change.operation());
            }
            ConfigChange.Operation operation = ConfigChange.Operation.values()[change.operation()];
            if (operation != ConfigChange.Operation.DELETE && change.value() == null) {
                nullValues.add(change.name());
            }
            changes.add(new ConfigChange(change.name(), operation, change.value()));
        }
        Optional<Outcome> invalid = checkKeys(names, nullValues);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return switch (resource.resourceType()) {
            case RESOURCE_TOPIC -> alterTopic(resource.resourceName(),
                    current -> topicConfigs.applyChanges(current, changes), validateOnly);
            case RESOURCE_BROKER -> alterBroker(resource.resourceName(), names);
            case RESOURCE_BROKER_LOGGER -> Outcome.failed(ErrorCode.INVALID_REQUEST, "Changing logger levels at run "
                    + "time is not supported; set them in the broker's logging configuration and restart it");
            default -> unsupportedType(resource.resourceType());
        };
    }

    private Outcome replace(AlterConfigsRequest.Resource resource, boolean validateOnly) {
        List<String> names = new ArrayList<>();
        List<String> nullValues = new ArrayList<>();
        Map<String, String> settings = new LinkedHashMap<>();
        for (AlterConfigsRequest.Setting setting : resource.configs()) {
            names.add(setting.name());
            if (setting.value() == null) {
                nullValues.add(setting.name());
            }
            settings.put(setting.name(), setting.value());
        }
        Optional<Outcome> invalid = checkKeys(names, nullValues);
        if (invalid.isPresent()) {
            return invalid.get();
        }
        return switch (resource.resourceType()) {
            case RESOURCE_TOPIC -> alterTopic(resource.resourceName(),
                    current -> topicConfigs.validateOverrides(settings), validateOnly);
            case RESOURCE_BROKER -> alterBroker(resource.resourceName(), names);
            default -> unsupportedType(resource.resourceType());
        };
    }

    private static Optional<Outcome> checkKeys(List<String> names, List<String> nullValues) {
        if (new HashSet<>(names).size() != names.size()) {
            return Optional.of(Outcome.failed(ErrorCode.INVALID_REQUEST, "Error due to duplicate config keys"));
        }
        if (!nullValues.isEmpty()) {
            return Optional.of(Outcome.failed(ErrorCode.INVALID_REQUEST, "Null value not supported for : "
                    + String.join(", ", nullValues)));
        }
        return Optional.empty();
    }

    private Outcome alterTopic(String name, TopicManager.ConfigUpdate update, boolean validateOnly) {
        if (name == null || name.isEmpty()) {
            return Outcome.failed(ErrorCode.INVALID_REQUEST, "Default topic resources are not allowed.");
        }
        Optional<String> invalidName = TopicNames.invalidReason(name);
        if (invalidName.isPresent()) {
            return Outcome.failed(ErrorCode.INVALID_TOPIC_EXCEPTION, invalidName.get());
        }
        TopicOutcome outcome = topics.alterConfigs(name, update, validateOnly);
        return new Outcome(outcome.error(), outcome.errorMessage());
    }

    /** Rejects every change of a broker resource, after the checks Kafka makes on the broker id. */
    private Outcome alterBroker(String name, List<String> keys) {
        if (name != null && !name.isEmpty()) {
            int brokerId;
            try {
                brokerId = Integer.parseInt(name);
            } catch (NumberFormatException e) {
                return Outcome.failed(ErrorCode.INVALID_REQUEST, "Node id must be an integer, but it is: " + name);
            }
            if (brokerId != config.nodeId()) {
                return Outcome.failed(ErrorCode.INVALID_REQUEST, "Unexpected broker id, expected " + config.nodeId()
                        + ", but received " + name);
            }
        }
        if (keys.isEmpty()) {
            return Outcome.NONE;
        }
        return Outcome.failed(ErrorCode.INVALID_REQUEST, "Cannot update these configs dynamically: " + keys
                + ". Tributary has no dynamic broker configs; set them in the server configuration file and "
                + "restart the broker");
    }

    private static Outcome unsupportedType(byte resourceType) {
        return Outcome.failed(ErrorCode.INVALID_REQUEST, "Unknown resource type " + resourceType
                + "; Tributary alters the configs of topics (2)");
    }

    private static String resourceKey(byte type, String name) {
        return type + ":" + name;
    }

    /** An error code with its message, or NONE. */
    private record Outcome(ErrorCode error, String message) {

        static final Outcome NONE = new Outcome(ErrorCode.NONE, null);

        static Outcome failed(ErrorCode error, String message) {
            return new Outcome(error, message);
        }
    }
}
