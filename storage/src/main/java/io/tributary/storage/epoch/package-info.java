/**
 * Internal: the leader epoch cache of a partition and its checkpoint file.
 */
package io.tributary.storage.epoch;
