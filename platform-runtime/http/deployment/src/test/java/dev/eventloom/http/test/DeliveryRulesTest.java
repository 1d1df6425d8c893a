package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Delivery;
import io.cloudevents.CloudEvent;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.smallrye.common.annotation.Blocking;

/** Retries, dead letters, the concurrency limit, idempotency, ordering and their metrics, over HTTP. */
class DeliveryRulesTest {

    static final String SINK = "http://localhost:${quarkus.http.test-port:8081}/test-sink/events";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ManagementPort.class, Functions.class, Calls.class,
                    TestSink.class))
            .overrideConfigKey("eventloom.function.\"doomed\".dead-letter", SINK)
            .overrideConfigKey("eventloom.function.\"strict\".dead-letter", SINK)
            .overrideConfigKey("eventloom.function.\"configured\".retries", "2");

    @Singleton
    public static class Calls {
        final Map<String, AtomicInteger> byKey = new ConcurrentHashMap<>();
        final List<String> log = new CopyOnWriteArrayList<>();

        int count(String key) {
            return byKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }

        void clear() {
            byKey.clear();
            log.clear();
        }
    }

    public record Order(String id, int failTimes, long sleepMillis) {
    }

    public static class Functions {

        @Inject
        Calls calls;

        /** Fails its first {@code failTimes} attempts for an order. */
        @Funq
        @Delivery(retries = 3, backoff = Delivery.Backoff.LINEAR, backoffDelay = "20ms")
        public String flaky(Order order) {
            int attempt = calls.count("flaky:" + order.id());
            if (attempt <= order.failTimes()) {
                throw new IllegalStateException("attempt " + attempt + " failed");
            }
            return "done after " + attempt;
        }

        @Funq
        @Delivery(retries = 2, backoffDelay = "10ms")
        public String doomed(Order order) {
            calls.count("doomed:" + order.id());
            throw new IllegalStateException("never works for " + order.id());
        }

        @Funq
        public String configured(Order order) {
            int attempt = calls.count("configured:" + order.id());
            if (attempt <= order.failTimes()) {
                throw new IllegalStateException("attempt " + attempt + " failed");
            }
            return "ok";
        }

        @Funq
        @Delivery(retries = 5)
        public String strict(Order order) {
            calls.count("strict");
            return order.id();
        }

        @Funq
        @Blocking
        @Delivery(maxConcurrency = 1)
        public String single(Order order) throws InterruptedException {
            if ("slow".equals(order.id())) {
                SINGLE_RUNNING.countDown();
                SINGLE_RELEASE.await(60, TimeUnit.SECONDS);
            }
            return order.id();
        }

        @Funq
        @Delivery(idempotent = true)
        public String once(Order order) {
            calls.count("once:" + order.id());
            return order.id();
        }

        @Funq
        @Blocking
        @Delivery(ordered = true)
        public void sequence(Order order) throws InterruptedException {
            calls.log.add("start " + order.id());
            if ("k1-a".equals(order.id())) {
                K1A_STARTED.countDown();
                K2A_ENDED.await(60, TimeUnit.SECONDS); // held until another key's event has run to its end
            }
            calls.log.add("end " + order.id());
            if ("k2-a".equals(order.id())) {
                K2A_ENDED.countDown();
            }
        }
    }

    static final CountDownLatch SINGLE_RUNNING = new CountDownLatch(1);
    static final CountDownLatch SINGLE_RELEASE = new CountDownLatch(1);
    static final CountDownLatch K1A_STARTED = new CountDownLatch(1);
    static final CountDownLatch K2A_ENDED = new CountDownLatch(1);

    @Inject
    Calls calls;

    @Inject
    TestSink sink;

    @BeforeEach
    void clear() {
        calls.clear();
        sink.received().clear();
    }

    private static Response event(String function, String id, String body, Map<String, String> extensions) {
        var request = given().header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/test")
                .header("ce-type", "test.order").contentType("application/json").body(body);
        extensions.forEach((name, value) -> request.header("ce-" + name, value));
        return request.post("/" + function);
    }

    private static String order(String id, int failTimes, long sleep) {
        return "{\"id\":\"" + id + "\",\"failTimes\":" + failTimes + ",\"sleepMillis\":" + sleep + "}";
    }

    @Test
    void aFailingFunctionIsRetriedWithBackoffUntilItSucceeds() {
        // How long each backoff waits is DeliveryPolicyTest's; here, that the retries happen within one delivery.
        event("flaky", "e-1", order("a", 2, 0), Map.of()).then().statusCode(200).body(equalTo("\"done after 3\""));
        assertEquals(3, calls.byKey.get("flaky:a").get());
    }

    @Test
    void whenEveryAttemptFailsTheFailureGoesBackWithoutADeadLetter() {
        event("flaky", "e-2", order("b", 10, 0), Map.of()).then().statusCode(500)
                .body("detail", containsString("Function 'flaky' failed on event e-2"));
        assertEquals(4, calls.byKey.get("flaky:b").get(), "one attempt and three retries");
    }

    @Test
    void withADeadLetterTheEventIsParkedWithWhatWentWrongAndTheDeliveryIsHandled() {
        event("doomed", "e-3", order("c", 0, 0), Map.of("tenant", "acme")).then().statusCode(202);
        assertEquals(3, calls.byKey.get("doomed:c").get());
        assertEquals(1, sink.received().size());
        CloudEvent dead = sink.received().get(0);
        assertEquals("e-3", dead.getId());
        assertEquals("/test", dead.getSource().toString());
        assertEquals("test.order", dead.getType());
        assertEquals("acme", dead.getExtension("tenant"));
        assertEquals(order("c", 0, 0), new String(dead.getData().toBytes()));
        assertEquals("doomed", dead.getExtension("eventloomfunction"));
        assertEquals(3, Integer.parseInt(dead.getExtension("eventloomattempts").toString()));
        assertEquals("java.lang.IllegalStateException", dead.getExtension("eventloomerrortype"));
        assertTrue(dead.getExtension("eventloomerror").toString().contains("never works for c"));
        assertTrue(dead.getExtension("eventloomfailedtime") != null);
    }

    @Test
    void inputThatCannotBeDecodedIsDeadLetteredAtOnce() {
        event("strict", "e-4", "{not json", Map.of()).then().statusCode(202);
        assertEquals(null, calls.byKey.get("strict"), "never invoked");
        assertEquals(1, sink.received().size());
        assertEquals("1", sink.received().get(0).getExtension("eventloomattempts").toString());
        assertEquals("invalid_input", sink.received().get(0).getExtension("eventloomerrortype"));
    }

    @Test
    void retriesCanBeConfiguredAtRunTime() {
        event("configured", "e-5", order("d", 2, 0), Map.of()).then().statusCode(200);
        assertEquals(3, calls.byKey.get("configured:d").get());
    }

    @Test
    void overItsConcurrencyLimitAFunctionAnswers429WithRetryAfter() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(2);
        try {
            Future<Response> slow = clients.submit(() -> event("single", "s-1", order("slow", 0, 0), Map.of()));
            assertTrue(SINGLE_RUNNING.await(60, TimeUnit.SECONDS), "the first call did not start");
            Response refused = event("single", "s-2", order("fast", 0, 0), Map.of());
            assertEquals(429, refused.statusCode(), refused.asString());
            assertEquals("1", refused.header("Retry-After"));
            assertTrue(refused.asString().contains("maxConcurrency"), refused.asString());
            SINGLE_RELEASE.countDown();
            assertEquals(200, slow.get().statusCode());
            event("single", "s-3", order("after", 0, 0), Map.of()).then().statusCode(200);
        } finally {
            SINGLE_RELEASE.countDown();
            clients.shutdownNow();
        }
    }

    @Test
    void anIdempotentFunctionSkipsAnEventItAlreadyProcessedAndAnswersWithTheStoredReply() {
        Response first = event("once", "same-id", order("x", 0, 0), Map.of());
        first.then().statusCode(200);
        Response duplicate = event("once", "same-id", order("x", 0, 0), Map.of());
        duplicate.then().statusCode(200);
        assertEquals(first.header("ce-id"), duplicate.header("ce-id"), "the same reply, not a new one");
        assertEquals(first.asString(), duplicate.asString());
        event("once", "other-id", order("x", 0, 0), Map.of()).then().statusCode(200);
        assertEquals(2, calls.byKey.get("once:x").get(), "the duplicate did not run");
    }

    @Test
    void orderedDeliveriesWithTheSameKeyRunOneAfterAnother() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Response>> sent = new ArrayList<>();
            sent.add(clients.submit(() -> event("sequence", "o-1", order("k1-a", 0, 0), Map.of("partitionkey", "k1"))));
            assertTrue(K1A_STARTED.await(60, TimeUnit.SECONDS), "k1-a did not start");
            sent.add(clients.submit(() -> event("sequence", "o-2", order("k1-b", 0, 10), Map.of("partitionkey", "k1"))));
            sent.add(clients.submit(() -> event("sequence", "o-3", order("k2-a", 0, 10), Map.of("partitionkey", "k2"))));
            for (Future<Response> response : sent) {
                assertEquals(202, response.get().statusCode());
            }
        } finally {
            clients.shutdownNow();
        }
        List<String> log = calls.log;
        assertTrue(log.indexOf("end k1-a") < log.indexOf("start k1-b"), "same key waits: " + log);
        assertTrue(log.indexOf("end k2-a") < log.indexOf("end k1-a"), "another key does not wait: " + log);
    }

    @Test
    void metricsCountAttemptsRetriesAndOutcomes() {
        event("flaky", "m-1", order("m", 1, 0), Map.of()).then().statusCode(200);
        event("doomed", "m-2", order("m", 0, 0), Map.of()).then().statusCode(202);
        String metrics = ManagementPort.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("eventloom_function_retries_total{function=\"flaky\"}"), metrics);
        assertTrue(metrics.matches("(?s).*eventloom_function_dead_lettered_total\\{function=\"doomed\"} [1-9].*"),
                "dead-lettered counted");
        assertTrue(metrics.contains("eventloom_function_duration_seconds_bucket{function=\"flaky\""), "histogram");
        assertTrue(metrics.contains("eventloom_function_in_flight{function=\"flaky\"}"), "in-flight gauge");
        assertTrue(metrics.contains("eventloom_function_successes_total{function=\"flaky\"}"));
    }
}
