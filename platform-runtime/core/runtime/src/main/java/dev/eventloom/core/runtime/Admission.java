package dev.eventloom.core.runtime;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.smallrye.mutiny.subscription.Cancellable;

/**
 * A function's concurrency limit: the deliveries in flight (the metrics' gauge) and, for callers that can wait (the
 * events of a batch or fan-out, queued messages), the deliveries waiting for one of them to finish, served in arrival
 * order. Lock-free: whoever adds a waiter or frees a slot hands free slots to waiters, so none is left waiting beside
 * a free slot.
 */
final class Admission {

    private final int limit;
    private final AtomicInteger inFlight;
    private final ConcurrentLinkedQueue<Waiter> waiters = new ConcurrentLinkedQueue<>();

    /** {@code limit} 0 is no limit; {@code inFlight} counts the deliveries running. */
    Admission(int limit, AtomicInteger inFlight) {
        this.limit = limit;
        this.inFlight = inFlight;
    }

    /** Takes a slot if one is free now. */
    boolean tryAcquire() {
        if (limit == 0) {
            inFlight.incrementAndGet();
            return true;
        }
        while (true) {
            int current = inFlight.get();
            if (current >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Frees a slot taken by {@link #tryAcquire} or given to a waiter. */
    void release() {
        inFlight.decrementAndGet();
        handOver();
    }

    /**
     * Waits for a slot: {@code granted} runs with the slot taken (on the thread that freed it), or {@code expired}
     * once {@code timeoutMillis} passed without one; exactly one of them runs.
     */
    void await(long timeoutMillis, Execution execution, Runnable granted, Runnable expired) {
        Waiter waiter = new Waiter(granted);
        waiters.add(waiter);
        waiter.timer = execution.schedule(Math.max(1, timeoutMillis), () -> {
            if (waiter.claimed.compareAndSet(false, true)) {
                waiters.remove(waiter);
                expired.run();
            }
        });
        handOver();
    }

    private void handOver() {
        while (!waiters.isEmpty() && tryAcquire()) {
            Waiter next = waiters.poll();
            if (next != null && next.claimed.compareAndSet(false, true)) {
                next.grant();
            } else {
                inFlight.decrementAndGet();
            }
        }
    }

    private static final class Waiter {
        final AtomicBoolean claimed = new AtomicBoolean();
        final Runnable granted;
        volatile Cancellable timer;

        Waiter(Runnable granted) {
            this.granted = granted;
        }

        void grant() {
            Cancellable scheduled = timer;
            if (scheduled != null) {
                scheduled.cancel();
            }
            granted.run();
        }
    }
}
