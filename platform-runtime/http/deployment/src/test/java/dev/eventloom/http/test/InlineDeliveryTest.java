package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
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
import io.smallrye.mutiny.Uni;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Context;

/**
 * Event-loop functions with a synchronous signature take the fast lane (called inline on the event loop, no
 * {@code Uni} pipeline): the delivery rules, the request context, replies and errors must be exactly those of the
 * ordinary path.
 */
class InlineDeliveryTest {

    static final String SINK = "http://localhost:${quarkus.http.test-port:8081}/test-sink/events";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ManagementPort.class, Functions.class, Calls.class,
                    PerInvocation.class, TestSink.class))
            .overrideConfigKey("eventloom.function.\"doomed\".dead-letter", SINK);

    @Singleton
    public static class Calls {
        final Map<String, AtomicInteger> byKey = new ConcurrentHashMap<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<Integer> scopeIds = new CopyOnWriteArrayList<>();
        final AtomicInteger destroyed = new AtomicInteger();

        int count(String key) {
            threads.add((Context.isOnEventLoopThread() ? "loop:" : "other:") + Thread.currentThread().getName());
            return byKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** One per invocation; counts its destruction. */
    @RequestScoped
    public static class PerInvocation {
        private static final AtomicInteger NEXT = new AtomicInteger();
        private final int id = NEXT.incrementAndGet();

        @Inject
        Calls calls;

        int id() {
            return id;
        }

        @PreDestroy
        void destroyed() {
            calls.destroyed.incrementAndGet();
        }
    }

    public record Order(String id, int failTimes) {
    }

    public static class Functions {

        @Inject
        Calls calls;

        @Inject
        PerInvocation perInvocation;

        @Funq
        @NonBlocking
        @Delivery(retries = 2, backoffDelay = "10ms")
        public String flaky(Order order) {
            int attempt = calls.count("flaky:" + order.id());
            if (attempt <= order.failTimes()) {
                throw new IllegalStateException("attempt " + attempt + " failed");
            }
            return "done after " + attempt;
        }

        @Funq
        @NonBlocking
        @Delivery(retries = 1, backoffDelay = "10ms")
        public String doomed(Order order) {
            calls.count("doomed:" + order.id());
            throw new IllegalArgumentException("never works for " + order.id());
        }

        @Funq
        @NonBlocking
        public String fails(Order order) {
            calls.count("fails:" + order.id());
            throw new IllegalStateException("no luck for " + order.id());
        }

        @Funq
        @NonBlocking
        public int scoped(Order order) {
            calls.count("scoped");
            calls.scopeIds.add(perInvocation.id());
            return perInvocation.id();
        }

        /** Completes at once, later on a Vert.x timer, later on a plain thread, never, or fails, as asked. */
        @Funq
        @Delivery(timeout = "300ms")
        public Uni<String> later(Order order) {
            calls.count("later:" + order.id());
            int scope = perInvocation.id();
            return switch (order.id()) {
                case "now" -> Uni.createFrom().item("now " + scope);
                case "timer" -> Uni.createFrom().item("timer " + scope).onItem().delayIt().by(Duration.ofMillis(50));
                case "never" -> Uni.createFrom().nothing();
                case "fail" -> Uni.createFrom().failure(new IllegalStateException("later failed"));
                default -> throw new IllegalArgumentException("unknown case " + order.id());
            };
        }

        @Funq
        public CompletionStage<String> stage(Order order) {
            calls.count("stage:" + order.id());
            return CompletableFuture.supplyAsync(() -> "from " + Thread.currentThread().isVirtual(),
                    CompletableFuture.delayedExecutor(30, TimeUnit.MILLISECONDS));
        }

        @Funq
        @NonBlocking
        public void sink(Order order) {
            calls.count("sink:" + order.id());
        }
    }

    @Inject
    Calls calls;

    @Inject
    TestSink sink;

    @BeforeEach
    void clear() {
        calls.byKey.clear();
        calls.threads.clear();
        sink.received().clear();
    }

    private static Response event(String function, String id, String body) {
        return given().header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/test")
                .header("ce-type", "test.order").contentType("application/json").body(body).post("/" + function);
    }

    @Test
    void aReplyComesBackInBinaryModeWithTheCausingEventsId() {
        event("flaky", "i-1", "{\"id\":\"a\",\"failTimes\":0}").then().statusCode(200)
                .header("ce-specversion", "1.0")
                .header("ce-type", "flaky.output")
                .header("ce-causationid", "i-1")
                .header("ce-time", startsWith("20"))
                .header("Content-Type", "application/json")
                .body(equalTo("\"done after 1\""));
        assertTrue(calls.threads.get(0).startsWith("loop:"), calls.threads.toString());
    }

    @Test
    void retriesContinueAfterAFailedInlineAttemptAndStayOnTheEventLoop() {
        event("flaky", "i-2", "{\"id\":\"b\",\"failTimes\":2}").then().statusCode(200)
                .body(equalTo("\"done after 3\""));
        assertEquals(3, calls.byKey.get("flaky:b").get());
        assertTrue(calls.threads.stream().allMatch(thread -> thread.startsWith("loop:")), calls.threads.toString());
    }

    @Test
    void whenRetriesRunOutTheEventGoesToTheDeadLetter() {
        event("doomed", "i-3", "{\"id\":\"c\",\"failTimes\":0}").then().statusCode(202);
        assertEquals(2, calls.byKey.get("doomed:c").get());
        assertEquals(1, sink.received().size());
        CloudEvent dead = sink.received().get(0);
        assertEquals("i-3", dead.getId());
        assertEquals("2", dead.getExtension("eventloomattempts").toString());
        assertEquals("java.lang.IllegalArgumentException", dead.getExtension("eventloomerrortype"));
    }

    @Test
    void aFailureWithoutRetriesIsAProblemResponse() {
        event("fails", "i-4", "{\"id\":\"d\",\"failTimes\":0}").then().statusCode(500)
                .contentType("application/problem+json")
                .body("detail", containsString("Function 'fails' failed on event i-4"));
        assertEquals(1, calls.byKey.get("fails:d").get());
    }

    @Test
    void undecodableInputIsA400AndTheFunctionIsNotCalled() {
        event("fails", "i-5", "{not json").then().statusCode(400).contentType("application/problem+json");
        assertTrue(calls.threads.isEmpty(), calls.threads.toString());
    }

    @Test
    void everyInvocationHasARequestContextOfItsOwnThatIsDestroyedAfterIt() {
        int destroyedBefore = calls.destroyed.get();
        int first = given().contentType("application/json").body("{\"id\":\"e\"}").post("/scoped").then()
                .statusCode(200).extract().as(Integer.class);
        int second = given().contentType("application/json").body("{\"id\":\"e\"}").post("/scoped").then()
                .statusCode(200).extract().as(Integer.class);
        assertNotEquals(first, second);
        assertEquals(destroyedBefore + 2, calls.destroyed.get());
    }

    @Test
    void aPlainRequestToAVoidFunctionIs204AndAnEventIs202() {
        given().contentType("application/json").body("{\"id\":\"f\"}").post("/sink").then().statusCode(204);
        event("sink", "i-6", "{\"id\":\"g\"}").then().statusCode(202);
        assertEquals(1, calls.byKey.get("sink:f").get());
        assertEquals(1, calls.byKey.get("sink:g").get());
    }

    @Test
    void aUniThatCompletesAtOnceOrLaterAnswersAndItsRequestContextEndsWithIt() throws Exception {
        int destroyedBefore = calls.destroyed.get();
        given().contentType("application/json").body("{\"id\":\"now\"}").post("/later").then().statusCode(200)
                .body(startsWith("\"now "));
        given().contentType("application/json").body("{\"id\":\"timer\"}").post("/later").then().statusCode(200)
                .body(startsWith("\"timer "));
        assertEquals(destroyedBefore + 2, calls.destroyed.get());
        assertTrue(calls.threads.stream().allMatch(thread -> thread.startsWith("loop:")), calls.threads.toString());
    }

    @Test
    void aUniThatNeverCompletesTimesOutWith504AndItsRequestContextIsDestroyed() {
        int destroyedBefore = calls.destroyed.get();
        given().contentType("application/json").body("{\"id\":\"never\"}").post("/later").then().statusCode(504)
                .body("detail", containsString("within its timeout of 300 ms"));
        assertEquals(destroyedBefore + 1, calls.destroyed.get());
    }

    @Test
    void aFailedUniIsAProblemResponse() {
        given().contentType("application/json").body("{\"id\":\"fail\"}").post("/later").then().statusCode(500)
                .body("detail", containsString("Function 'later' failed"));
    }

    @Test
    void aCompletionStageCompletedOnAnotherThreadAnswersFromTheEventLoop() {
        given().contentType("application/json").body("{\"id\":\"s\"}").post("/stage").then().statusCode(200)
                .body(equalTo("\"from false\""));
        assertEquals(1, calls.byKey.get("stage:s").get());
    }

    @Test
    void metricsCountInlineAttemptsAndOutcomes() {
        event("flaky", "m-1", "{\"id\":\"m\",\"failTimes\":1}").then().statusCode(200);
        event("fails", "m-2", "{\"id\":\"m\",\"failTimes\":0}").then().statusCode(500);
        String metrics = ManagementPort.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.matches("(?s).*eventloom_function_invocations_total\\{function=\"flaky\"} [2-9].*"), metrics);
        assertTrue(metrics.matches("(?s).*eventloom_function_retries_total\\{function=\"flaky\"} [1-9].*"), metrics);
        assertTrue(metrics.matches("(?s).*eventloom_function_failures_total\\{function=\"fails\"} [1-9].*"), metrics);
        assertTrue(metrics.matches("(?s).*eventloom_function_in_flight\\{function=\"flaky\"} 0.0.*"), metrics);
    }
}
