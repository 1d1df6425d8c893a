package dev.eventloom.core.runtime;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * Remembers which events an idempotent function processed. The default keeps them in memory (per process); provide
 * a bean of this type (Redis, DynamoDB, a database) to share them between instances.
 * <p>
 * Keys are {@code function + source + id}. A key is <em>started</em> before the function runs, <em>completed</em> when
 * it succeeded (then remembered for the TTL) and <em>released</em> when it failed (so a redelivery runs it again).
 */
public interface IdempotencyStore {

    /** What {@link #start} found. */
    enum State {
        /** Not seen (or expired): the caller now holds the key and runs the function. */
        STARTED,
        /** Processed successfully within the TTL: skip it. */
        DONE,
        /** Being processed right now by another delivery: try again later. */
        IN_PROGRESS
    }

    Uni<State> start(String key, Duration ttl);

    Uni<Void> complete(String key, Duration ttl);

    Uni<Void> release(String key);
}
