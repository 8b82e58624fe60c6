package io.tributary.protocol.message;

/**
 * DescribeAcls request: a filter over ACL bindings. The byte fields use Kafka's wire values (resource type,
 * pattern type, operation and permission type), with 1 meaning "any"; a null string matches any value.
 */
public record DescribeAclsRequest(byte resourceTypeFilter, String resourceNameFilter, byte patternTypeFilter,
                                  String principalFilter, String hostFilter, byte operation, byte permissionType)
        implements ApiRequest {
}
