package io.tributary.protocol.message;

/** DescribeCluster request; {@code endpointType} 1 asks for brokers (v1+), 2 for controllers. */
public record DescribeClusterRequest(boolean includeClusterAuthorizedOperations, byte endpointType,
                                     boolean includeFencedBrokers) implements ApiRequest {
}
