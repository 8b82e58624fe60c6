package io.tributary.broker.cluster;

import io.tributary.broker.BrokerConfig;
import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.DescribeClusterRequest;
import io.tributary.protocol.message.DescribeClusterResponse;
import java.util.List;

/**
 * Handles DescribeCluster: this node as the only broker and the controller.
 *
 * <p>Errors: UNSUPPORTED_VERSION when controllers are requested (endpoint type 2), which only Kafka's
 * controller listeners serve, as Apache Kafka does on a broker listener.
 */
public final class DescribeClusterHandler {

    /** Cluster operations reported when requested: every operation, as without ACLs. */
    static final int ALL_CLUSTER_OPERATIONS = (1 << 4) | (1 << 5) | (1 << 7) | (1 << 8) | (1 << 9) | (1 << 10)
            | (1 << 11) | (1 << 12);

    private static final byte ENDPOINT_TYPE_BROKER = 1;

    private final BrokerConfig config;

    public DescribeClusterHandler(BrokerConfig config) {
        this.config = config;
    }

    public DescribeClusterResponse handle(DescribeClusterRequest request) {
        int operations = request.includeClusterAuthorizedOperations() ? ALL_CLUSTER_OPERATIONS
                : MetadataHandler.OPERATIONS_NOT_REQUESTED;
        if (request.endpointType() != ENDPOINT_TYPE_BROKER) {
            return new DescribeClusterResponse(0, ErrorCode.UNSUPPORTED_VERSION,
                    "The broker listener serves only endpoint type 1 (brokers), got " + request.endpointType(),
                    request.endpointType(), config.clusterId(), -1, List.of(), operations);
        }
        return new DescribeClusterResponse(0, ErrorCode.NONE, null, ENDPOINT_TYPE_BROKER, config.clusterId(),
                config.nodeId(), List.of(MetadataHandler.self(config)), operations);
    }
}
