package io.tributary.protocol.message;

/**
 * The body of a decoded request, in Tributary's own types. Each implementation mirrors the fields of
 * Kafka's message of the same name that the broker uses; fields that only exist in some versions hold
 * their documented default in the others.
 *
 * <p>Buffers inside a request (produce records) are valid only until the handler that received the
 * request returns: the network layer releases the frame afterwards.
 */
public interface ApiRequest {
}
