package dev.eventloom.redis;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Singleton;

import dev.eventloom.spi.IdempotencyStore;
import io.quarkus.arc.properties.IfBuildProperty;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.smallrye.mutiny.Uni;

/**
 * The idempotency store in Redis ({@code eventloom.idempotency.store=redis}; the server is Quarkus's Redis client's,
 * {@code quarkus.redis.hosts}). One key per event, {@code eventloom:idempotency:<function>/<source>/<id>} (each part URL-encoded):
 * {@code claimed:<token>} while a delivery runs, expiring after the claim timeout (a holder that was killed frees it),
 * then {@code done:<reply>} for the TTL. Claiming is one atomic script, so two instances never both run an event; a
 * claim is released only by its holder (its token), never after it expired and another took it.
 */
@Singleton
@IfBuildProperty(name = "eventloom.idempotency.store", stringValue = "redis")
public class RedisIdempotencyStore implements IdempotencyStore {

    static final String PREFIX = "eventloom:idempotency:";
    static final String CLAIMED = "claimed:";
    static final String DONE = "done:";
    /** Returns the key's value, or claims it (nil) when it has none. */
    static final String CLAIM = "local v = redis.call('GET', KEYS[1]) if v then return v end "
            + "redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return false";
    /** Deletes the key only while it still holds this claim. */
    static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) "
            + "end return 0";

    private final ReactiveRedisDataSource redis;
    /** The claims this process holds, by key: released only with their own token. */
    private final Map<String, String> held = new ConcurrentHashMap<>();

    RedisIdempotencyStore(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    @Override
    public Uni<Claim> claim(String key, Duration claimTimeout) {
        String claim = CLAIMED + UUID.randomUUID();
        return redis.execute("EVAL", CLAIM, "1", redisKey(key), claim, String.valueOf(millis(claimTimeout)))
                .map(found -> {
                    if (found == null) {
                        held.put(key, claim);
                        return Claim.CLAIMED;
                    }
                    String value = found.toString();
                    if (value.startsWith(DONE)) {
                        String result = value.substring(DONE.length());
                        return Claim.completed(result.isEmpty() ? null : Base64.getDecoder().decode(result));
                    }
                    return Claim.IN_PROGRESS;
                });
    }

    @Override
    public Uni<Void> complete(String key, Duration ttl, byte[] result) {
        held.remove(key);
        String value = DONE + (result == null ? "" : Base64.getEncoder().encodeToString(result));
        return redis.execute("SET", redisKey(key), value, "PX", String.valueOf(millis(ttl))).replaceWithVoid();
    }

    @Override
    public Uni<Void> release(String key) {
        String claim = held.remove(key);
        if (claim == null) {
            return Uni.createFrom().voidItem();
        }
        return redis.execute("EVAL", RELEASE, "1", redisKey(key), claim).replaceWithVoid();
    }

    /** Readable in redis-cli and unambiguous: each part (function, source, id) URL-encoded, then joined by slashes. */
    static String redisKey(String key) {
        StringBuilder name = new StringBuilder(PREFIX);
        String[] parts = key.split("\u0000", -1);
        for (int i = 0; i < parts.length; i++) {
            name.append(i == 0 ? "" : "/").append(URLEncoder.encode(parts[i], StandardCharsets.UTF_8));
        }
        return name.toString();
    }

    private static long millis(Duration duration) {
        return Math.max(1, duration.toMillis());
    }
}
