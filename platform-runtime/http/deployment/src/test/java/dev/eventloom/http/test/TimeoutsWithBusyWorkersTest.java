package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Delivery;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.mutiny.Uni;

/** With every worker thread stuck in a hung function, callers still get their 504 on time and the loop serves on. */
class TimeoutsWithBusyWorkersTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Scoped.class))
            .overrideConfigKey("quarkus.thread-pool.core-threads", "1")
            .overrideConfigKey("quarkus.thread-pool.max-threads", "2");

    static final java.util.concurrent.atomic.AtomicInteger STARTED = new java.util.concurrent.atomic.AtomicInteger();
    /** Holds the stuck functions until the test has seen every caller answered. */
    static final java.util.concurrent.CountDownLatch RELEASE = new java.util.concurrent.CountDownLatch(1);

    @jakarta.enterprise.context.RequestScoped
    public static class Scoped {
        static final java.util.concurrent.atomic.AtomicInteger DESTROYED = new java.util.concurrent.atomic.AtomicInteger();

        void touch() {
        }

        @jakarta.annotation.PreDestroy
        void destroyed() {
            DESTROYED.incrementAndGet();
        }
    }

    public static class Functions {

        @jakarta.inject.Inject
        Scoped scoped;

        @Funq
        @Delivery(timeout = "300ms")
        public String stuck() throws InterruptedException {
            STARTED.incrementAndGet();
            RELEASE.await(60, TimeUnit.SECONDS);
            return "finally";
        }

        /** Runs on the worker pool after whatever was queued before it. */
        @Funq
        @io.smallrye.common.annotation.Blocking
        public String queued() {
            return "queued";
        }

        @Funq
        @Delivery(timeout = "200ms")
        public Uni<String> forgotten() {
            scoped.touch();
            return Uni.createFrom().nothing();
        }

        @Funq
        public Uni<String> alive() {
            return Uni.createFrom().item("alive");
        }
    }

    @Test
    void aTimedOutInvocationStillHasItsRequestScopeDestroyed() throws Exception {
        int before = Scoped.DESTROYED.get();
        given().post("/forgotten").then().statusCode(504);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).untilAsserted(() -> assertEquals(
                before + 1, Scoped.DESTROYED.get(), "the request-scoped bean of the timed-out call was not destroyed"));
    }

    @Test
    void everyCallerOfAHungFunctionGets504WithinItsTimeout() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) { // two occupy both workers, two wait in the queue
                calls.add(clients.submit(() -> given().post("/stuck").statusCode()));
            }
            // Every caller is answered while both stuck functions are still held: no answer waited for a function to
            // end or for a worker to become free.
            for (Future<Integer> call : calls) {
                assertEquals(504, call.get(60, TimeUnit.SECONDS));
            }
            assertEquals(1, RELEASE.getCount(), "answered while the functions are still held");
            given().post("/alive").then().statusCode(200).body(equalTo("\"alive\""));

            // The two that waited in the queue past their deadline are never started, even once workers free up:
            // release the held ones, then let the pool run two tasks queued after them.
            RELEASE.countDown();
            given().post("/queued").then().statusCode(200);
            given().post("/queued").then().statusCode(200);
            assertEquals(2, STARTED.get(), "functions whose callers were already answered 504 were started");
        } finally {
            RELEASE.countDown();
            clients.shutdownNow();
        }
    }
}
