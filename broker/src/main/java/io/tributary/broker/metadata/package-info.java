/**
 * Cluster metadata of a single node: topics with their ids, partition counts and configuration overrides,
 * and the producer id high-water mark, kept in an append-only metadata log replayed at start-up.
 */
package io.tributary.broker.metadata;
