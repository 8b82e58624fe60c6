package io.tributary.protocol.message;

import io.tributary.protocol.ErrorCode;

/**
 * DescribeAcls response. It carries no ACL bindings because Tributary has no authorizer, so every response
 * is an error (SECURITY_DISABLED) with its message.
 */
public record DescribeAclsResponse(int throttleTimeMs, ErrorCode error, String errorMessage) implements ApiResponse {
}
