package dev.eventloom.redis;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Delivery;
import dev.eventloom.Trigger;
import dev.eventloom.spi.IdempotencyStore;
import io.quarkus.funqy.Funq;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;

/**
 * The Redis store behind an idempotent function, against a real redis-server. "Another instance" is a second store
 * object on the same server: the only thing the two share is Redis, as two processes would.
 */
class RedisIdempotencyStoreTest {

    static final Duration TTL = Duration.ofHours(1);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(OnceFunctions.class, Calls.class, Order.class, Receipt.class,
                    RedisServer.class, RedisIdempotencyStore.class))
            .overrideConfigKey("eventloom.idempotency.store", "redis")
            .overrideConfigKey("quarkus.redis.hosts", RedisServer.url())
            .overrideConfigKey("quarkus.redis.devservices.enabled", "false")
            .overrideConfigKey("quarkus.redis.timeout", "2s");

    public record Order(String id) {
    }

    public record Receipt(String order, int run) {
    }

    @Singleton
    public static class Calls {
        final Map<String, AtomicInteger> byOrder = new ConcurrentHashMap<>();

        int of(String order) {
            return byOrder.getOrDefault(order, new AtomicInteger()).get();
        }
    }

    public static class OnceFunctions {

        @Inject
        Calls calls;

        @Funq
        @Trigger(type = "order.paid")
        @Delivery(idempotent = true)
        public Receipt once(Order order) {
            return new Receipt(order.id(), calls.byOrder.computeIfAbsent(order.id(), k -> new AtomicInteger())
                    .incrementAndGet());
        }
    }

    @Inject
    Calls calls;

    @Inject
    ReactiveRedisDataSource redis;

    @Inject
    IdempotencyStore store;

    @AfterAll
    static void stopRedis() {
        RedisServer.kill();
    }

    /** Another instance of the application: a store of its own, sharing only the Redis server. */
    private RedisIdempotencyStore otherInstance() {
        return new RedisIdempotencyStore(redis);
    }

    private static String key(String id) {
        return "once\u0000/shop\u0000" + id;
    }

    private static Response send(String id) {
        return given().header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/shop")
                .header("ce-type", "order.paid").contentType("application/json")
                .body("{\"id\":\"" + id + "\"}").post("/");
    }

    @Test
    void theApplicationUsesTheRedisStore() {
        assertTrue(store instanceof RedisIdempotencyStore, store.getClass().getName());
    }

    @Test
    void aDuplicateIsAnsweredWithTheFirstReplyAndEveryInstanceSeesItInRedis() {
        Response first = send("e-1");
        first.then().statusCode(200);
        Response duplicate = send("e-1");
        duplicate.then().statusCode(200);
        assertEquals(1, calls.of("e-1"), "the duplicate did not run");
        assertEquals(first.header("ce-id"), duplicate.header("ce-id"));
        assertEquals(first.asString(), duplicate.asString());

        IdempotencyStore.Claim elsewhere = otherInstance().claim(key("e-1"), TTL).await().indefinitely();
        assertEquals(IdempotencyStore.State.COMPLETED, elsewhere.state(), "kept in Redis, not in the process");
        assertTrue(new String(elsewhere.result()).contains("\"run\":1"), new String(elsewhere.result()));
        long ttl = redis.execute("PTTL", RedisIdempotencyStore.redisKey(key("e-1"))).await().indefinitely().toLong();
        assertTrue(ttl > 0 && ttl <= TTL.toMillis(), "expires after the idempotency TTL: " + ttl);
    }

    @Test
    void anEventAnotherInstanceIsRunningIsRefusedUntilItCompletesThenAnsweredWithItsResult() {
        RedisIdempotencyStore other = otherInstance();
        assertEquals(IdempotencyStore.State.CLAIMED, other.claim(key("e-2"), TTL).await().indefinitely().state());
        Response refused = send("e-2");
        assertEquals(429, refused.statusCode(), refused.asString());
        assertEquals(0, calls.of("e-2"), "not run while the other instance runs it");

        String reply = "{\"specversion\":\"1.0\",\"id\":\"r-2\",\"source\":\"urn:eventloom:function:once\","
                + "\"type\":\"once.output\",\"datacontenttype\":\"application/json\",\"data\":{\"order\":\"e-2\",\"run\":7}}";
        other.complete(key("e-2"), TTL, reply.getBytes()).await().indefinitely();
        Response answered = send("e-2");
        answered.then().statusCode(200);
        assertEquals("r-2", answered.header("ce-id"), "the other instance's reply");
        assertEquals(0, calls.of("e-2"));
    }

    @Test
    void aClaimLeftByAKilledInstanceExpiresAndTheEventRunsOnce() {
        assertEquals(IdempotencyStore.State.CLAIMED,
                otherInstance().claim(key("e-3"), Duration.ofMillis(300)).await().indefinitely().state());
        // The other instance dies holding the claim: redeliveries are refused until the claim times out.
        await().atMost(Duration.ofSeconds(30)).until(() -> send("e-3").statusCode() == 200);
        assertEquals(1, calls.of("e-3"));
        send("e-3").then().statusCode(200);
        assertEquals(1, calls.of("e-3"), "completed now: not run again");
    }

    @Test
    void withRedisDownTheEventIsRefusedBeforeItRunsAndRunsOnceRedisIsBack() {
        RedisServer.kill();
        try {
            Response refused = send("e-4");
            assertEquals(429, refused.statusCode(), refused.asString());
            assertTrue(refused.asString().contains("idempotency store"), refused.asString());
            assertEquals(0, calls.of("e-4"), "not run without knowing whether it ran before");
        } finally {
            RedisServer.start();
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> send("e-4").statusCode() == 200);
        assertEquals(1, calls.of("e-4"));
        assertNotNull(redis.execute("GET", RedisIdempotencyStore.redisKey(key("e-4"))).await().indefinitely());
    }
}
