/**
 * Record batch validation for Produce requests ({@code BatchValidator}), with the checks and error
 * codes of an Apache Kafka 4.4 broker, and the codec and timestamp types of the batch format.
 */
package io.tributary.protocol.records;
