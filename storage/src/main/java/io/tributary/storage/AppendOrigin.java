package io.tributary.storage;

/** Source of an append, which decides the producer-state checks it goes through. */
public enum AppendOrigin {
    /** A produce request from a client: idempotent producer sequence and epoch rules apply. */
    CLIENT,
    /** A record written by the broker itself (for example committed offsets): no sequence checks. */
    COORDINATOR
}
