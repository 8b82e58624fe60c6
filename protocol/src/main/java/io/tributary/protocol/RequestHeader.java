package io.tributary.protocol;

/**
 * The header of a decoded request.
 *
 * @param apiKey        the API of the request
 * @param apiVersion    the version the client used, always inside the accepted range of {@code apiKey}
 * @param correlationId echoed in the response header so the client can match it
 * @param clientId      the client's self-chosen id; may be null
 */
public record RequestHeader(ApiKey apiKey, short apiVersion, int correlationId, String clientId) {
}
