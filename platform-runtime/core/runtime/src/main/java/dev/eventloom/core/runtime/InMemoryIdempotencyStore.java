package dev.eventloom.core.runtime;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/**
 * The default {@link IdempotencyStore}: a map in this process. Expired keys are swept as new ones arrive, and a key
 * held by a delivery that never finished is freed after the TTL, so memory stays bounded by the traffic of one TTL.
 */
@Singleton
@DefaultBean
public class InMemoryIdempotencyStore implements IdempotencyStore {

    private record Entry(boolean done, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong();

    @Override
    public Uni<State> start(String key, Duration ttl) {
        long now = System.currentTimeMillis();
        sweep(now);
        Entry started = new Entry(false, now + ttl.toMillis());
        Entry previous = entries.compute(key, (k, current) -> current == null || current.expiresAt() <= now
                ? started : current);
        State state = previous == started ? State.STARTED : previous.done() ? State.DONE : State.IN_PROGRESS;
        return Uni.createFrom().item(state);
    }

    @Override
    public Uni<Void> complete(String key, Duration ttl) {
        entries.put(key, new Entry(true, System.currentTimeMillis() + ttl.toMillis()));
        return Uni.createFrom().voidItem();
    }

    @Override
    public Uni<Void> release(String key) {
        entries.remove(key);
        return Uni.createFrom().voidItem();
    }

    private void sweep(long now) {
        long due = nextSweep.get();
        if (now < due || !nextSweep.compareAndSet(due, now + 1000)) {
            return;
        }
        for (Iterator<Entry> it = entries.values().iterator(); it.hasNext();) {
            if (it.next().expiresAt() <= now) {
                it.remove();
            }
        }
    }

    /** How many keys are held; for tests. */
    public int size() {
        return entries.size();
    }
}
