package dev.eventloom.spi;

import java.time.Duration;

import io.smallrye.mutiny.Uni;

/**
 * Remembers which events an idempotent function ({@code @Delivery(idempotent = true)}) processed, so a redelivered
 * event is not processed twice. The default keeps them in this process's memory; {@code dev.eventloom:eventloom-redis}
 * keeps them in Redis ({@code eventloom.idempotency.store=redis}), shared by every instance and kept across restarts.
 * To use another store, provide a CDI bean of this type: it replaces the default.
 * <p>
 * The platform calls, for each delivery of an event to an idempotent function: {@link #claim} before the function
 * runs; then {@link #complete} when it succeeded (or its event went to a dead letter), or {@link #release} when it
 * failed. Keys are opaque strings (function, source and id of the event). Implementations must make {@link #claim}
 * atomic across every process sharing the store, and must not block the calling thread (it may be an event loop).
 * A failed {@code Uni} from {@link #claim} fails the delivery before the function runs: the transport gets the
 * failure and redelivers the event later (the event is not acknowledged).
 */
public interface IdempotencyStore {

    /** What {@link #claim} found. */
    enum State {
        /** Nobody held the key (or what was held expired): the caller holds it now and runs the function. */
        CLAIMED,
        /** Another delivery holds the key right now: the caller must not run the function; it retries later. */
        IN_PROGRESS,
        /** The event was processed within the TTL: the caller skips it and answers with the stored result. */
        COMPLETED
    }

    /**
     * The outcome of {@link #claim}.
     *
     * @param result for {@link State#COMPLETED}, what {@link #complete} stored (the function's reply as a structured
     *        CloudEvent in JSON), or {@code null} when the function had no reply
     */
    record Claim(State state, byte[] result) {

        public static final Claim CLAIMED = new Claim(State.CLAIMED, null);
        public static final Claim IN_PROGRESS = new Claim(State.IN_PROGRESS, null);

        public static Claim completed(byte[] result) {
            return new Claim(State.COMPLETED, result);
        }
    }

    /**
     * Claims {@code key} atomically.
     *
     * @param claimTimeout how long the claim holds when its holder never completes or releases it (a process that
     *        was killed): after it, the key can be claimed again
     */
    Uni<Claim> claim(String key, Duration claimTimeout);

    /**
     * Records {@code key} as processed for {@code ttl}, with the result later duplicates are answered with.
     *
     * @param result the function's reply as a structured CloudEvent in JSON, or {@code null} for none
     */
    Uni<Void> complete(String key, Duration ttl, byte[] result);

    /** Gives the key up after a failure, so a redelivery of the event runs the function again. */
    Uni<Void> release(String key);
}
