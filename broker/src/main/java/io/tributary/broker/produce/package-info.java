/**
 * Produce and InitProducerId: validation and durable appends of client batches, and producer ids.
 */
package io.tributary.broker.produce;
