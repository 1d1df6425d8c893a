package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Delivery;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.response.Response;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/**
 * Blocking and virtual-thread functions called from the event loop take the offloaded fast lane (one hand-off to the
 * thread that runs them and one back, no {@code Uni} pipeline): where they run, their request contexts, timeouts,
 * retries and errors must be exactly those of the ordinary path.
 */
class OffloadedDeliveryTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Calls.class, PerInvocation.class));

    @Singleton
    public static class Calls {
        final Map<String, AtomicInteger> byKey = new ConcurrentHashMap<>();
        final List<String> threads = new CopyOnWriteArrayList<>();
        final List<String> log = new CopyOnWriteArrayList<>();

        int count(String key) {
            Thread thread = Thread.currentThread();
            threads.add(thread.isVirtual() ? "virtual" : Context.isOnEventLoopThread() ? "loop" : "worker");
            return byKey.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    /** One per invocation; logs its destruction. */
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
            calls.log.add("destroyed " + id);
        }
    }

    public record Order(String id, int failTimes, int sleepMillis) {
    }

    static final CountDownLatch FAN = new CountDownLatch(2);

    public static class Functions {

        @Inject
        Calls calls;

        @Inject
        PerInvocation perInvocation;

        @Funq
        public int blocking(Order order) throws InterruptedException {
            calls.count("blocking:" + order.id());
            int scope = perInvocation.id();
            Thread.sleep(order.sleepMillis());
            return scope;
        }

        @Funq
        @RunOnVirtualThread
        public int virtual(Order order) throws InterruptedException {
            calls.count("virtual:" + order.id());
            int scope = perInvocation.id();
            Thread.sleep(order.sleepMillis());
            return scope;
        }

        @Funq
        @Delivery(retries = 2, backoffDelay = "10ms")
        public String flaky(Order order) {
            int attempt = calls.count("flaky:" + order.id());
            if (attempt <= order.failTimes()) {
                throw new IllegalStateException("attempt " + attempt + " failed");
            }
            return "done after " + attempt;
        }

        /** Outlives its timeout (held until the test has its answer), then logs that it ended and whether its request-scoped bean still answers. */
        @Funq
        @Delivery(timeout = "200ms")
        public String slow(Order order) throws InterruptedException {
            calls.count("slow:" + order.id());
            int scope = perInvocation.id();
            SLOW_RELEASE.await(60, TimeUnit.SECONDS);
            calls.log.add("ended " + scope + " still " + perInvocation.id());
            return "too late";
        }

        @Funq
        @Trigger(type = "test.fan")
        public void fanWorker(Order order) throws InterruptedException {
            fan("worker");
        }

        @Funq
        @Trigger(type = "test.fan")
        @RunOnVirtualThread
        public void fanVirtual(Order order) throws InterruptedException {
            fan("virtual");
        }

        /** Holds its request-scoped bean while it waits for the other function of the fan-out to run too. */
        private void fan(String where) throws InterruptedException {
            int before = perInvocation.id();
            FAN.countDown();
            boolean together = FAN.await(5, TimeUnit.SECONDS);
            calls.log.add("fan " + where + " " + before + " " + perInvocation.id() + " " + together);
        }

        /** A blocking function whose {@code Uni} never completes. */
        @Funq
        @Blocking
        @Delivery(timeout = "200ms")
        public Uni<String> forgotten(Order order) {
            calls.count("forgotten:" + order.id());
            calls.log.add("forgotten " + perInvocation.id());
            return Uni.createFrom().nothing();
        }

        /** A blocking function whose {@code Uni} completes later, on another thread. */
        @Funq
        @Blocking
        public Uni<String> deferred(Order order) {
            calls.count("deferred:" + order.id());
            int scope = perInvocation.id();
            return Uni.createFrom().item("deferred " + scope).onItem().delayIt().by(Duration.ofMillis(50));
        }
    }

    @Inject
    Calls calls;

    @BeforeEach
    void clear() {
        calls.byKey.clear();
        calls.threads.clear();
        calls.log.clear();
    }

    static final java.util.concurrent.CountDownLatch SLOW_RELEASE = new java.util.concurrent.CountDownLatch(1);

    private static Response post(String function, String body) {
        return given().contentType("application/json").body(body).post("/" + function);
    }

    /** Waits until the log has at least that many entries (the assertions that follow check exactly how many). */
    private void awaitLog(int entries) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60))
                .until(() -> calls.log.size() >= entries);
    }

    @Test
    void aBlockingFunctionRunsOnAWorkerWithARequestContextDestroyedAfterIt() throws Exception {
        int first = post("blocking", "{\"id\":\"a\"}").then().statusCode(200).extract().as(Integer.class);
        int second = post("blocking", "{\"id\":\"a\"}").then().statusCode(200).extract().as(Integer.class);
        assertTrue(first != second, "two invocations shared a request context");
        awaitLog(2);
        assertEquals(List.of("destroyed " + first, "destroyed " + second), calls.log);
        assertEquals(List.of("worker", "worker"), calls.threads);
    }

    @Test
    void aVirtualThreadFunctionRunsOnAVirtualThreadWithARequestContextOfItsOwn() throws Exception {
        int first = post("virtual", "{\"id\":\"v\"}").then().statusCode(200).extract().as(Integer.class);
        int second = post("virtual", "{\"id\":\"v\"}").then().statusCode(200).extract().as(Integer.class);
        assertTrue(first != second, "two invocations shared a request context");
        awaitLog(2);
        assertEquals(List.of("destroyed " + first, "destroyed " + second), calls.log);
        assertEquals(List.of("virtual", "virtual"), calls.threads);
    }

    @Test
    void concurrentInvocationsEachGetTheirOwnAnswerAndRequestContext() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 24; i++) {
                String function = i % 2 == 0 ? "blocking" : "virtual";
                answers.add(clients.submit(() -> post(function, "{\"id\":\"c\",\"sleepMillis\":20}").then()
                        .statusCode(200).extract().as(Integer.class)));
            }
            Set<Integer> scopes = new HashSet<>();
            for (Future<Integer> answer : answers) {
                scopes.add(answer.get(10, TimeUnit.SECONDS));
            }
            assertEquals(24, scopes.size(), "request contexts were shared: " + scopes);
            awaitLog(24);
            assertEquals(24, calls.log.size(), calls.log.toString());
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void invocationsOfOneEventFannedOutRunAtOnceEachInARequestContextOfItsOwn() throws Exception {
        given().header("ce-specversion", "1.0").header("ce-id", "fan-1").header("ce-source", "/test")
                .header("ce-type", "test.fan").contentType("application/json").body("{\"id\":\"x\"}").post("/")
                .then().statusCode(202);
        awaitLog(4);
        List<String> fans = calls.log.stream().filter(entry -> entry.startsWith("fan ")).sorted().toList();
        assertEquals(2, fans.size(), calls.log.toString());
        String[] virtual = fans.get(0).split(" ");
        String[] worker = fans.get(1).split(" ");
        assertEquals("virtual", virtual[1]);
        assertEquals("worker", worker[1]);
        assertEquals("true", virtual[4], "the two invocations did not run at once: " + fans);
        assertEquals("true", worker[4], "the two invocations did not run at once: " + fans);
        assertEquals(virtual[2], virtual[3], "the virtual-thread invocation's request-scoped bean changed under it");
        assertEquals(worker[2], worker[3], "the worker invocation's request-scoped bean changed under it");
        assertTrue(!virtual[2].equals(worker[2]), "the two invocations shared a request context: " + fans);
    }

    @Test
    void retriesAfterAFailedAttemptRunOnWorkersToo() {
        post("flaky", "{\"id\":\"r\",\"failTimes\":2}").then().statusCode(200).body(equalTo("\"done after 3\""));
        assertEquals(3, calls.byKey.get("flaky:r").get());
        assertEquals(List.of("worker", "worker", "worker"), calls.threads);
    }

    @Test
    void aFailureWithoutRetriesLeftIsAProblemResponse() {
        post("flaky", "{\"id\":\"f\",\"failTimes\":5}").then().statusCode(500)
                .contentType("application/problem+json")
                .body("detail", containsString("Function 'flaky' failed"));
    }

    @Test
    void undecodableInputIsA400AndTheFunctionIsNotCalled() {
        post("blocking", "{not json").then().statusCode(400).contentType("application/problem+json");
        assertTrue(calls.threads.isEmpty(), calls.threads.toString());
    }

    @Test
    void aTimedOutFunctionIsAnswered504AtItsDeadlineAndKeepsItsRequestContextUntilItReturns() throws Exception {
        try {
            post("slow", "{\"id\":\"t\"}").then().statusCode(504)
                    .body("detail", containsString("within its timeout of 200 ms"));
            assertEquals(1, SLOW_RELEASE.getCount(), "answered while the function is still held, not when it ended");
        } finally {
            SLOW_RELEASE.countDown();
        }
        awaitLog(2);
        assertEquals(2, calls.log.size(), calls.log.toString());
        String ended = calls.log.get(0);
        assertTrue(ended.startsWith("ended "), calls.log.toString());
        String scope = ended.substring("ended ".length(), ended.indexOf(' ', "ended ".length()));
        assertEquals("ended " + scope + " still " + scope, ended, "its request-scoped bean changed under it");
        assertEquals("destroyed " + scope, calls.log.get(1));
    }

    @Test
    void aBlockingUniThatNeverCompletesTimesOutAndItsRequestContextIsDestroyed() throws Exception {
        post("forgotten", "{\"id\":\"n\"}").then().statusCode(504);
        awaitLog(2);
        String scope = calls.log.get(0).substring("forgotten ".length());
        assertEquals(List.of("forgotten " + scope, "destroyed " + scope), calls.log);
    }

    @Test
    void aBlockingUniThatCompletesLaterAnswersFromItsResult() throws Exception {
        String answer = post("deferred", "{\"id\":\"d\"}").then().statusCode(200).extract().as(String.class);
        assertTrue(answer.startsWith("deferred "), answer);
        awaitLog(1);
        assertEquals(List.of("destroyed " + answer.substring("deferred ".length())), calls.log);
        assertEquals(List.of("worker"), calls.threads);
    }
}
