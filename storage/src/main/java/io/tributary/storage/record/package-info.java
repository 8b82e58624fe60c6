/**
 * Record batch format v2 (magic 2): header parsing, and a builder and reader for uncompressed
 * batches that the broker uses for its internal records.
 */
package io.tributary.storage.record;
