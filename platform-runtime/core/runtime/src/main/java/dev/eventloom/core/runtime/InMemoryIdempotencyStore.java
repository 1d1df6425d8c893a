package dev.eventloom.core.runtime;

import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Singleton;

import dev.eventloom.spi.IdempotencyStore;
import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;

/**
 * The default {@link IdempotencyStore}: a map in this process. Expired keys are swept as new ones arrive, and a claim
 * whose holder never finished is freed after its timeout, so memory stays bounded by the traffic of one TTL.
 */
@Singleton
@DefaultBean
public class InMemoryIdempotencyStore implements IdempotencyStore {

    private record Entry(boolean done, byte[] result, long expiresAt) {
    }

    private final Map<String, Entry> entries = new ConcurrentHashMap<>();
    private final AtomicLong nextSweep = new AtomicLong();

    @Override
    public Uni<Claim> claim(String key, Duration claimTimeout) {
        long now = System.currentTimeMillis();
        sweep(now);
        Entry claimed = new Entry(false, null, now + claimTimeout.toMillis());
        Entry current = entries.compute(key, (k, held) -> held == null || held.expiresAt() <= now ? claimed : held);
        return Uni.createFrom().item(current == claimed ? Claim.CLAIMED
                : current.done() ? Claim.completed(current.result()) : Claim.IN_PROGRESS);
    }

    @Override
    public Uni<Void> complete(String key, Duration ttl, byte[] result) {
        entries.put(key, new Entry(true, result, System.currentTimeMillis() + ttl.toMillis()));
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
