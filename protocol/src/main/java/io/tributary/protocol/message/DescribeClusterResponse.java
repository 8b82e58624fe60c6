package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;
import java.util.List;

/** DescribeCluster response. */
public record DescribeClusterResponse(int throttleTimeMs, ErrorCode error, String errorMessage, byte endpointType,
                                      String clusterId, int controllerId, List<MetadataResponse.Broker> brokers,
                                      int clusterAuthorizedOperations) implements ApiResponse {
}
