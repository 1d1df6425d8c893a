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
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .overrideConfigKey("quarkus.thread-pool.core-threads", "1")
            .overrideConfigKey("quarkus.thread-pool.max-threads", "2");

    public static class Functions {

        @Funq
        @Delivery(timeout = "300ms")
        public String stuck() throws InterruptedException {
            Thread.sleep(4_000);
            return "finally";
        }

        @Funq
        public Uni<String> alive() {
            return Uni.createFrom().item("alive");
        }
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
        } finally {
            clients.shutdownNow();
        }
    }
}
