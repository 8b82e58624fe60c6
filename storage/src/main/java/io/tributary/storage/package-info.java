/**
 * Partition logs on local disk: segments, indexes, recovery, idempotent producer state and
 * durability. Entry points are {@link io.tributary.storage.LogManager} (one per data directory)
 * and {@link io.tributary.storage.Log} (one per partition).
 *
 * <p>This module must not depend on the network, on Netty or on Kafka's classes; a Maven enforcer
 * rule bans them. The file formats are described in {@code docs/storage-format.md}.
 */
package io.tributary.storage;
