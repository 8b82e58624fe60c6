package io.tributary.protocol.message;

/** ApiVersions: the client's name and version are only reported from v3 on (KIP-511). */
public record ApiVersionsRequest(String clientSoftwareName, String clientSoftwareVersion) implements ApiRequest {
}
