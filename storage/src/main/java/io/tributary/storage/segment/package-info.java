/**
 * Internal: segment files and their sparse offset and time indexes. Used by
 * {@link io.tributary.storage.Log}; other modules should not depend on it.
 */
package io.tributary.storage.segment;
