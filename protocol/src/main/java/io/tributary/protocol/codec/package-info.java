/**
 * Framing codecs that turn Kafka request frames into {@code io.tributary.protocol.message} records and
 * responses back into frames, with kafka-clients' generated message classes. {@code KafkaRequestDecoder}
 * and {@code KafkaResponseEncoder} are the implementations the server wires in.
 */
package io.tributary.protocol.codec;
