package io.tributary.broker.cluster;

import io.tributary.protocol.ErrorCode;
import io.tributary.protocol.message.DescribeAclsRequest;
import io.tributary.protocol.message.DescribeAclsResponse;

/**
 * Handles DescribeAcls. Tributary has no authorizer, so like a Kafka 4.4 broker without
 * {@code authorizer.class.name} it returns SECURITY_DISABLED for every request, which kafka-clients reports as
 * {@code SecurityDisabledException}. Stateless and thread-safe.
 */
public final class DescribeAclsHandler {

    /** The message Kafka 4.4 sends with SECURITY_DISABLED when no authorizer is configured. */
    static final String NO_AUTHORIZER = "No Authorizer is configured on the broker";

    public DescribeAclsResponse handle(DescribeAclsRequest request) {
        return new DescribeAclsResponse(0, ErrorCode.SECURITY_DISABLED, NO_AUTHORIZER);
    }
}
