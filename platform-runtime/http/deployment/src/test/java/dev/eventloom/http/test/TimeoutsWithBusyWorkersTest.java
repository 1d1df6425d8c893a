package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
            Thread.sleep(4_000);
            return "finally";
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
    void a_timed_out_invocation_still_has_its_request_scope_destroyed() throws Exception {
        int before = Scoped.DESTROYED.get();
        given().post("/forgotten").then().statusCode(504);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (Scoped.DESTROYED.get() == before && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(before + 1, Scoped.DESTROYED.get(), "the request-scoped bean of the timed-out call was not destroyed");
    }

    @Test
    void every_caller_of_a_hung_function_gets_504_within_its_timeout() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(4);
        try {
            long start = System.nanoTime();
            List<Future<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) { // two occupy both workers, two wait in the queue
                calls.add(clients.submit(() -> given().post("/stuck").statusCode()));
            }
            for (Future<Integer> call : calls) {
                assertEquals(504, call.get(10, TimeUnit.SECONDS));
            }
            long elapsed = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(elapsed < 2_500, "504s arrived after " + elapsed + " ms, as if waiting for a free worker");
            given().post("/alive").then().statusCode(200).body(equalTo("\"alive\""));

            // The two that waited in the queue past their deadline are never started, even once workers free up.
            Thread.sleep(5_000);
            assertEquals(2, STARTED.get(), "functions whose callers were already answered 504 were started");
        } finally {
            clients.shutdownNow();
        }
    }
}
