package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Delivery;
import dev.eventloom.EventContext;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The events of one batch or fan-out never refuse each other: a function at its {@code maxConcurrency} is waited for,
 * so a batch larger than the limit runs whole, each event once.
 */
class BatchAdmissionTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Runs.class));

    @Singleton
    public static class Runs {
        final Map<String, AtomicInteger> byEvent = new ConcurrentHashMap<>();
        final AtomicInteger started = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();
        /** The first two runs wait for each other: both slots are taken while the rest of the batch arrives. */
        final CyclicBarrier firstTwo = new CyclicBarrier(2);
    }

    public static class Functions {

        @Inject
        Runs runs;

        @Funq
        @Trigger(type = "test.sign")
        @Delivery(maxConcurrency = 2, timeout = "PT30S")
        public void sign(String data, @Context EventContext event) throws Exception {
            int now = runs.running.incrementAndGet();
            runs.mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                if (runs.started.incrementAndGet() <= 2) {
                    runs.firstTwo.await(20, TimeUnit.SECONDS);
                }
                runs.byEvent.computeIfAbsent(event.id(), id -> new AtomicInteger()).incrementAndGet();
            } finally {
                runs.running.decrementAndGet();
            }
        }
    }

    @Inject
    Runs runs;

    @Test
    void aBatchLargerThanMaxConcurrencyRunsEveryEventOnce() {
        String batch = IntStream.range(0, 10)
                .mapToObj(i -> "{\"specversion\":\"1.0\",\"id\":\"s-" + i + "\",\"source\":\"/t\",\"type\":\"test.sign\","
                        + "\"datacontenttype\":\"text/plain\",\"data\":\"x\"}")
                .collect(Collectors.joining(",", "[", "]"));
        given().contentType("application/cloudevents-batch+json").body(batch).post("/").then().statusCode(202);
        assertEquals(10, runs.byEvent.size(), runs.byEvent.toString());
        assertTrue(runs.byEvent.values().stream().allMatch(count -> count.get() == 1), runs.byEvent.toString());
        assertTrue(runs.mostAtOnce.get() <= 2, "at most maxConcurrency at once: " + runs.mostAtOnce.get());
    }
}
