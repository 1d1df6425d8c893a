package dev.eventloom.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.eventloom.Delivery.Backoff;
import dev.eventloom.core.runtime.EventloomException.Kind;
import dev.eventloom.spi.IdempotencyStore;

/** Backoff arithmetic, settings precedence and validation, and which failures are retried. */
class DeliveryPolicyTest {

    private static DeliveryPolicy policy(Backoff backoff, long delay, long max) {
        return new DeliveryPolicy(5, backoff, Duration.ofMillis(delay), Duration.ofMillis(max), null, 0, false,
                Duration.ofHours(1), false);
    }

    @Test
    void linearBackoffGrowsByTheDelayAndExponentialDoubles() {
        DeliveryPolicy linear = policy(Backoff.LINEAR, 100, 10_000);
        assertEquals(List.of(100L, 200L, 300L), List.of(linear.delayBefore(1).toMillis(),
                linear.delayBefore(2).toMillis(), linear.delayBefore(3).toMillis()));
        DeliveryPolicy exponential = policy(Backoff.EXPONENTIAL, 100, 10_000);
        assertEquals(List.of(100L, 200L, 400L, 800L), List.of(exponential.delayBefore(1).toMillis(),
                exponential.delayBefore(2).toMillis(), exponential.delayBefore(3).toMillis(),
                exponential.delayBefore(4).toMillis()));
    }

    @Test
    void theWaitNeverExceedsTheMaximumEvenForHugeRetryNumbers() {
        DeliveryPolicy exponential = policy(Backoff.EXPONENTIAL, 100, 1_000);
        assertEquals(1_000, exponential.delayBefore(5).toMillis());
        assertEquals(1_000, exponential.delayBefore(200).toMillis());
        assertEquals(1_000, policy(Backoff.LINEAR, 100, 1_000).delayBefore(Integer.MAX_VALUE).toMillis());
    }

    @Test
    void configurationOverridesAnnotationOverridesDefaults() {
        DeliveryMetadata written = new DeliveryMetadata();
        written.setRetries(2);
        written.setBackoff("LINEAR");
        written.setDeadLetter("http://dlq.example/events");
        List<String> problems = new ArrayList<>();
        DeliveryPolicy policy = DeliveryPolicy.of(written, new DeliveryPolicy.Settings(4, null, "50ms", null,
                "channel:dead", null, true, null, null), problems, "f");
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(4, policy.retries());
        assertEquals(Backoff.LINEAR, policy.backoff());
        assertEquals(50, policy.backoffDelay().toMillis());
        assertEquals("channel:dead", policy.deadLetter());
        assertTrue(policy.idempotent());
        assertEquals(DeliveryPolicy.DEFAULT.maxBackoffDelay(), policy.maxBackoffDelay());
        assertFalse(policy.ordered());
    }

    @Test
    void everyInvalidSettingIsReported() {
        List<String> problems = new ArrayList<>();
        DeliveryPolicy.of(null, new DeliveryPolicy.Settings(-1, "sideways", "soon", "1ms", "ftp://x", -2, null,
                "-5s", null), problems, "f");
        assertEquals(7, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("sideways")));
        assertTrue(problems.stream().anyMatch(p -> p.contains("ftp://x")));
    }

    @Test
    void sentDestinationsAreUrlsOrChannels() {
        assertNull(DeliveryPolicy.invalidDestination("https://dlq.example/x"));
        assertNull(DeliveryPolicy.invalidDestination("channel:orders-dlq"));
        assertTrue(DeliveryPolicy.invalidDestination("channel:") != null);
        assertTrue(DeliveryPolicy.invalidDestination("orders-dlq") != null, "a reply sink must be sendable");
    }

    @Test
    void deadLettersMayAlsoBeTheInfrastructures() {
        for (String infrastructure : List.of("arn:aws:sqs:eu-west-1:123456789012:orders-dlq",
                "arn:aws:sns:eu-west-1:123456789012:failed", "arn:aws:lambda:eu-west-1:123456789012:function:fix",
                "billing-dlq", "orders.dead_letters")) {
            List<String> problems = new ArrayList<>();
            DeliveryPolicy policy = DeliveryPolicy.of(null, new DeliveryPolicy.Settings(null, null, null, null,
                    infrastructure, null, null, null, null), problems, "f");
            assertTrue(problems.isEmpty(), infrastructure + ": " + problems);
            assertTrue(DeliveryPolicy.infrastructureDeadLetter(infrastructure), infrastructure);
            assertNull(policy.sentDeadLetter(), "the runtime sends nothing to " + infrastructure);
            assertEquals(infrastructure, policy.deadLetter());
        }
        for (String sent : List.of("https://dlq.example/x", "channel:orders-dlq")) {
            assertFalse(DeliveryPolicy.infrastructureDeadLetter(sent), sent);
        }
        for (String wrong : List.of("arn:aws:sqs", "ftp://x", "two words", "-leading-dash")) {
            List<String> problems = new ArrayList<>();
            DeliveryPolicy.of(null, new DeliveryPolicy.Settings(null, null, null, null, wrong, null, null, null, null),
                    problems, "f");
            assertEquals(1, problems.size(), wrong + ": " + problems);
        }
    }

    @Test
    void inputProblemsAreNeverRetried() {
        assertFalse(ReliableDelivery.retryable(new EventloomException(Kind.INVALID_INPUT, "x")));
        assertFalse(ReliableDelivery.retryable(new EventloomException(Kind.UNSUPPORTED_CONTENT_TYPE, "x")));
        assertFalse(ReliableDelivery.retryable(new EventloomException(Kind.NOT_FOUND, "x")));
        assertTrue(ReliableDelivery.retryable(new EventloomException(Kind.TIMEOUT, "x")));
        assertTrue(ReliableDelivery.retryable(new IllegalStateException("x")));
    }

    @Test
    void theIdempotencyStoreRemembersSuccessesWithTheirResultAndForgetsFailures() {
        InMemoryIdempotencyStore store = new InMemoryIdempotencyStore();
        Duration ttl = Duration.ofMinutes(1);
        assertEquals(IdempotencyStore.State.CLAIMED, store.claim("k", ttl).await().indefinitely().state());
        assertEquals(IdempotencyStore.State.IN_PROGRESS, store.claim("k", ttl).await().indefinitely().state());
        store.release("k").await().indefinitely();
        assertEquals(IdempotencyStore.State.CLAIMED, store.claim("k", ttl).await().indefinitely().state());
        store.complete("k", ttl, "reply".getBytes()).await().indefinitely();
        IdempotencyStore.Claim done = store.claim("k", ttl).await().indefinitely();
        assertEquals(IdempotencyStore.State.COMPLETED, done.state());
        assertEquals("reply", new String(done.result()));
        assertEquals(IdempotencyStore.State.CLAIMED, store.claim("dead", Duration.ZERO).await().indefinitely().state());
        assertEquals(IdempotencyStore.State.CLAIMED, store.claim("dead", ttl).await().indefinitely().state(),
                "a claim whose holder never finished is free again after its timeout");
    }
}
