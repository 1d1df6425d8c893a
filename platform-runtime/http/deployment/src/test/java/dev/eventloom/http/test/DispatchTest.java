package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Delivery;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;

/** Non-blocking signatures run on the event loop, the others on workers, and a busy worker never delays the loop. */
class DispatchTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Person.class, Greeting.class));

    static String where() {
        if (Thread.currentThread().isVirtual()) {
            return "virtual-thread";
        }
        if (Context.isOnEventLoopThread()) {
            return "event-loop";
        }
        return Context.isOnWorkerThread() ? "worker" : "other: " + Thread.currentThread().getName();
    }

    static final CountDownLatch PARKED = new CountDownLatch(1);
    static final CountDownLatch RELEASE = new CountDownLatch(1);

    public static class Functions {

        @Funq
        public Uni<String> uni() {
            return Uni.createFrom().item(where());
        }

        @Funq
        public CompletionStage<String> stage() {
            return CompletableFuture.completedFuture(where());
        }

        @Funq
        public String plain() {
            return where();
        }

        @Funq
        public void nothing() {
        }

        @Funq
        @Blocking
        public Uni<String> blockingUni() {
            return Uni.createFrom().item(where());
        }

        @Funq
        @NonBlocking
        public String nonBlockingPlain() {
            return where();
        }

        @Funq
        @RunOnVirtualThread
        public String virtual() {
            return where();
        }

        /** Spins on its worker thread until the test stops it (the test always does, in its finally block). */
        @Funq
        public String burn() {
            BURNING.countDown();
            long spins = 0;
            while (STOP_BURNING.getCount() > 0) {
                spins++;
            }
            return where() + " " + (spins > 0);
        }

        /** Keeps its worker thread busy for 60 ms: worker threads take their nice value once one has been for 50. */
        @Funq
        public String busy() throws InterruptedException {
            Thread.sleep(60);
            return where();
        }

        /** The Linux nice value of the thread running it (field 19 of /proc/thread-self/stat). */
        @Funq
        public int niceness() throws java.io.IOException {
            String stat = java.nio.file.Files.readString(java.nio.file.Path.of("/proc/thread-self/stat"));
            return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
        }

        /** Blocks its worker thread until the test lets it go. */
        @Funq
        public String parked() throws InterruptedException {
            PARKED.countDown();
            return RELEASE.await(30, TimeUnit.SECONDS) ? "released" : "timed out";
        }

        @Funq
        public String blockingEcho(String text) {
            return where() + " " + text;
        }

        /** Ordered delivery takes the delivery pipeline rather than the fast lane; events without a key run at once. */
        @Funq
        @Delivery(ordered = true)
        public String orderedEcho(String text) {
            return where() + " " + text;
        }

        @Funq
        public Uni<Greeting> quick(Person person) {
            return Uni.createFrom().item(new Greeting("Hi " + person.name()));
        }
    }

    @Test
    void eachSignatureRunsWhereItsDispatchModeSays() {
        given().post("/uni").then().statusCode(200).body(equalTo("\"event-loop\""));
        given().post("/stage").then().statusCode(200).body(equalTo("\"event-loop\""));
        given().post("/plain").then().statusCode(200).body(equalTo("\"worker\""));
        given().post("/blockingUni").then().statusCode(200).body(equalTo("\"worker\""));
        given().post("/nonBlockingPlain").then().statusCode(200).body(equalTo("\"event-loop\""));
        given().contentType("application/json").body("\"x\"").post("/orderedEcho").then().statusCode(200)
                .body(equalTo("\"worker x\""));
        given().post("/virtual").then().statusCode(200).body(equalTo("\"virtual-thread\""));
        given().post("/nothing").then().statusCode(204);
    }

    @Test
    void workerThreadsGiveWayToTheEventLoopsWithAHigherNiceValue() {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.exists(java.nio.file.Path.of("/proc/thread-self")),
                "Linux only");
        org.junit.jupiter.api.Assumptions.assumeTrue(Runtime.version().feature() >= 22, "needs the JDK's FFM API");
        given().post("/busy").then().statusCode(200).body(equalTo("\"worker\""));
        // The native call is linked off the worker meanwhile; until then threads keep their value.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(
                () -> given().post("/niceness").then().statusCode(200).extract().asString().equals("10"));
    }

    static final HttpClient HTTP = HttpClient.newHttpClient();

    static final java.util.concurrent.CountDownLatch BURNING = new java.util.concurrent.CountDownLatch(1);
    static final java.util.concurrent.CountDownLatch STOP_BURNING = new java.util.concurrent.CountDownLatch(1);

    /** A plain client, lighter than rest-assured. */
    static void quickCall() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + RestAssured.port + "/quick"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode());
        assertEquals("{\"message\":\"Hi Ada\"}", response.body());
    }

    /**
     * Event-loop functions are answered while a worker thread burns CPU: the burner spins until the test stops it, so
     * every quick call below completed beside it, whatever the machine's load. (How much a burner slows them is a
     * figure for the benchmarks' noisy-neighbour run, not a test.)
     */
    @Test
    void aCpuBurningWorkerDoesNotHoldUpAnEventLoopFunction() throws Exception {
        ExecutorService clients = Executors.newSingleThreadExecutor();
        try {
            Future<String> burner = clients.submit(() -> given().post("/burn").then().statusCode(200).extract().asString());
            assertTrue(BURNING.await(60, TimeUnit.SECONDS), "the burner did not start");
            for (int i = 0; i < 20; i++) {
                quickCall();
            }
            assertFalse(burner.isDone(), "the burner was still spinning while the quick calls were answered");
            STOP_BURNING.countDown();
            assertEquals("\"worker true\"", burner.get(60, TimeUnit.SECONDS));
        } finally {
            STOP_BURNING.countDown();
            clients.shutdownNow();
        }
    }

    @Test
    void manyConcurrentRequestsEachGetTheirOwnAnswer() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(16);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                String name = "n" + i;
                answers.add(clients.submit(() -> given().contentType("application/json")
                        .body("{\"name\":\"" + name + "\"}").post("/quick")
                        .then().statusCode(200).extract().path("message")));
            }
            for (int i = 0; i < answers.size(); i++) {
                assertEquals("Hi n" + i, answers.get(i).get(30, TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
        }
    }

    @Test
    void aWorkerFunctionBlockedInIoDoesNotHoldUpOtherBlockingFunctions() throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(8);
        try {
            Future<String> parked = clients.submit(
                    () -> given().post("/parked").then().statusCode(200).extract().asString());
            assertTrue(PARKED.await(10, TimeUnit.SECONDS), "the parked function started");
            // Blocking invocations queue for the worker thread that runs one after another; the parked one holds
            // that thread, so the ones behind it must get threads of their own.
            List<Future<String>> echoes = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String text = "e" + i;
                String function = i % 2 == 0 ? "/blockingEcho" : "/orderedEcho";
                echoes.add(clients.submit(() -> given().contentType("application/json").body("\"" + text + "\"")
                        .post(function).then().statusCode(200).extract().asString()));
            }
            for (int i = 0; i < echoes.size(); i++) {
                assertEquals("\"worker e" + i + "\"", echoes.get(i).get(10, TimeUnit.SECONDS));
            }
            assertFalse(parked.isDone(), "the parked function was still blocked while the others answered");
            RELEASE.countDown();
            assertEquals("\"released\"", parked.get(10, TimeUnit.SECONDS));
        } finally {
            RELEASE.countDown();
            clients.shutdownNow();
        }
    }
}
