/**
 * Tributary's side of the Kafka wire protocol: API keys, error codes, version ranges and the request and
 * response model. This module is the only broker module that imports {@code org.apache.kafka.*}, and it
 * knows nothing of storage.
 */
package io.tributary.protocol;
