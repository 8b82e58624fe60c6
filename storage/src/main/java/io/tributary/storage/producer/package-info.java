/**
 * Internal: idempotent producer state of a partition, its sequence checks and its snapshot files.
 */
package io.tributary.storage.producer;
