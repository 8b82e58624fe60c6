package io.tributary.protocol.message;

/** The body of a response, in Tributary's own types; the protocol module writes it at the request's version. */
public interface ApiResponse {
}
