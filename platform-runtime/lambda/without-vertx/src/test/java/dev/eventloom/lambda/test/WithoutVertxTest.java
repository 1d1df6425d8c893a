package dev.eventloom.lambda.test;

import static dev.eventloom.lambda.test.AwsEvents.person;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.sun.net.httpserver.HttpServer;

import dev.eventloom.core.runtime.Execution;
import dev.eventloom.core.runtime.invoke.ThreadExecution;
import dev.eventloom.lambda.runtime.LambdaEventHandler;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A Lambda without the HTTP binding has no Vert.x: functions run on the Lambda runtime's thread (event-loop ones) and
 * Quarkus's worker pool (blocking ones), each invocation with a request context of its own, and a reply goes to the
 * sink over HTTP all the same.
 */
class WithoutVertxTest {

    static final String LATER = "arn:aws:sqs:eu-west-1:123456789012:later";
    static final String CONTEXT = "arn:aws:sqs:eu-west-1:123456789012:context";
    static final String FLAKY = "arn:aws:sqs:eu-west-1:123456789012:flaky";
    // One sink for the test class as JUnit loads it and as Quarkus loads it again: kept in the JDK's system properties.
    static final BlockingQueue<String> SINK = shared("queue", LinkedBlockingQueue::new);
    static final HttpServer sink = shared("server", WithoutVertxTest::sink);

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ThreadFunctions.class, ThreadFunctions.RequestProbe.class,
                    ThreadFunctions.Seen.class, Signup.class, Lambda.class, AwsEvents.class))
            .overrideConfigKey("quarkus.lambda.mock-event-server.test-port", String.valueOf(Lambda.PORT))
            .setLogRecordPredicate(record -> record.getMessage() != null && record.getMessage().startsWith("Function '"))
            .assertLogRecords(records -> {
                // The startup log says where each function runs in this application
                assertTrue(records.stream().map(java.util.logging.LogRecord::getParameters).anyMatch(parameters ->
                        "greet".equals(parameters[0])
                                && "the calling thread (this application has no Vert.x)".equals(parameters[2])),
                        "greet is logged as running on the calling thread");
                assertTrue(records.stream().map(java.util.logging.LogRecord::getParameters).anyMatch(parameters ->
                        "order".equals(parameters[0]) && "the worker pool".equals(parameters[2])),
                        "order is logged as running on the worker pool");
            })
            .overrideConfigKey("eventloom.sink.url", "http://localhost:" + sink.getAddress().getPort() + "/replies")
            .overrideConfigKey("eventloom.function.\"later\".timeout", "300ms")
            .overrideConfigKey("eventloom.lambda.deadline-margin", "300ms")
            .overrideConfigKey("eventloom.lambda.sources", String.join(",", "signups=" + AwsEvents.SIGNUPS,
                    "orders=" + AwsEvents.ORDERS, "later=" + LATER, "context=" + CONTEXT,
                    "flaky=" + FLAKY));

    @Inject
    ThreadFunctions.Seen seen;

    @Inject
    LambdaEventHandler handler;

    @SuppressWarnings("unchecked")
    static <T> T shared(String name, java.util.function.Supplier<T> created) {
        return (T) System.getProperties().computeIfAbsent(WithoutVertxTest.class.getName() + "." + name,
                ignored -> created.get());
    }

    static HttpServer sink() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
            server.createContext("/replies", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes());
                if (body.contains("refuse")) {
                    exchange.sendResponseHeaders(503, -1);
                    exchange.close();
                    return;
                }
                SINK.add(exchange.getRequestHeaders().getFirst("ce-type") + " " + body);
                exchange.sendResponseHeaders(202, -1);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void stopSink() {
        if (System.getProperties().remove(WithoutVertxTest.class.getName() + ".server") != null) {
            sink.stop(0);
        }
    }

    @BeforeEach
    void clear() {
        seen.clear();
        SINK.clear();
    }

    @Test
    void theApplicationRunsOnThreadsNotVertx() {
        assertInstanceOf(ThreadExecution.class, Arc.container().instance(Execution.class).get());
        assertFalse(Arc.container().select(io.vertx.core.Vertx.class).isResolvable(), "no Vert.x bean");
    }

    @Test
    void anHttpStyleEventSaysTheHttpBindingIsMissing() {
        Lambda.invoke(dev.eventloom.samples.AwsEvents.httpApi("POST", "/greet", "{\"name\":\"ann\"}"))
                .then().statusCode(500)
                .body("errorMessage", org.hamcrest.Matchers.containsString("Add the dependency dev.eventloom:eventloom-http"));
    }

    @Test
    void eventLoopFunctionsRunOnTheRuntimesThreadEachWithARequestContextOfItsOwn() {
        Lambda.invoke(AwsEvents.sqs(AwsEvents.SIGNUPS, person("ann"), person("bob"), person("cy")))
                .then().statusCode(200).body("batchItemFailures", empty());
        List<String[]> calls = seen.calls().stream().map(call -> call.split(" ", 3)).toList();
        assertEquals(3, calls.size(), seen.calls().toString());
        for (String[] call : calls) {
            assertTrue(call[2].startsWith("Lambda Thread"), "on the runtime's thread: " + seen.calls());
        }
        Set<String> requests = calls.stream().map(call -> call[2].substring(call[2].lastIndexOf(' ') + 1))
                .collect(Collectors.toSet());
        assertEquals(3, requests.size(), "a request context per invocation: " + seen.calls());
        assertEquals(List.of(true, true, true), seen.fastLane(), "through the fast lane, without a Uni pipeline");
    }

    @Test
    void aFailedEventLoopFunctionIsReportedAndTheOthersAreDelivered() {
        Lambda.invoke(AwsEvents.sqs(AwsEvents.SIGNUPS, person("ann"), person("fail-1"), person("cy")))
                .then().statusCode(200).body("batchItemFailures.itemIdentifier", equalTo(List.of("msg-1")));
        assertEquals(2, seen.calls().size(), seen.calls().toString());
    }

    @Test
    void anEventLoopFunctionThatFailsIsRetriedAfterItsBackOff() {
        Lambda.invoke(AwsEvents.sqs(FLAKY, person("ann"), person("bob")))
                .then().statusCode(200).body("batchItemFailures", empty());
        List<String> calls = seen.calls();
        assertEquals(4, calls.size(), calls.toString());
        assertTrue(calls.stream().anyMatch(call -> call.startsWith("flaky ann 2 ")), calls.toString());
        assertTrue(calls.stream().anyMatch(call -> call.startsWith("flaky bob 2 ")), calls.toString());
    }

    @Test
    void blockingFunctionsRunOnTheWorkerPoolEachWithARequestContextOfItsOwn() {
        Lambda.invoke(AwsEvents.sqs(AwsEvents.ORDERS, person("a", 100), person("b", 100)))
                .then().statusCode(200).body("batchItemFailures", empty());
        List<String> calls = seen.calls();
        assertEquals(2, calls.size(), calls.toString());
        for (String call : calls) {
            assertTrue(call.split(" ")[2].startsWith("executor-thread"), "on a worker: " + calls);
        }
        assertEquals(2, calls.stream().map(call -> call.substring(call.lastIndexOf(' ') + 1)).distinct().count(),
                "a request context per invocation: " + calls);
    }

    @Test
    void repliesGoToTheSinkOverHttp() throws InterruptedException {
        Lambda.invoke(AwsEvents.sqs(AwsEvents.SIGNUPS, person("ann"), person("bob")))
                .then().statusCode(200).body("batchItemFailures", empty());
        Set<String> replies = new java.util.HashSet<>();
        replies.add(SINK.poll(10, TimeUnit.SECONDS));
        replies.add(SINK.poll(10, TimeUnit.SECONDS));
        assertEquals(Set.of("greet.output \"Hello ann\"", "greet.output \"Hello bob\""),
                replies);
    }

    @Test
    void aReplyTheSinkRefusesFailsItsRecord() throws InterruptedException {
        Lambda.invoke(AwsEvents.sqs(AwsEvents.SIGNUPS, person("ann"), person("refuse")))
                .then().statusCode(200).body("batchItemFailures.itemIdentifier", equalTo(List.of("msg-1")));
        assertEquals("greet.output \"Hello ann\"", SINK.poll(10, TimeUnit.SECONDS));
    }

    @Test
    void aResultThatComesLaterIsAwaitedAndOnePastItsTimeoutIsReported() {
        String event = AwsEvents.records(List.of(
                AwsEvents.sqsMessage(LATER, "quick", person("quick", 20), null),
                AwsEvents.sqsMessage(LATER, "late", person("late", 60_000), null)));
        // The late result would succeed a minute later: reported failed means it was answered at its timeout.
        Lambda.invoke(event).then().statusCode(200).body("batchItemFailures.itemIdentifier", equalTo(List.of("late")));
    }

    @Test
    void aCallersRequestContextIsSetAsideForTheFunctionsAndRestoredAfterwards() throws IOException {
        ManagedContext requestContext = Arc.container().requestContext();
        boolean activated = !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        try {
            ThreadFunctions.RequestProbe callers = Arc.container().instance(ThreadFunctions.RequestProbe.class).get();
            int callersId = callers.id();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(
                    AwsEvents.sqs(AwsEvents.SIGNUPS, person("ann"), person("bob")).getBytes(UTF_8)), out, null);
            assertEquals("{\"batchItemFailures\":[]}", out.toString(UTF_8));
            List<String> calls = seen.calls();
            assertEquals(2, calls.size(), calls.toString());
            for (String call : calls) {
                assertEquals(Thread.currentThread().getName(), call.split(" ")[2], "inline on this thread: " + calls);
                assertFalse(call.endsWith(" " + callersId), "not in the caller's request context: " + calls);
            }
            assertTrue(requestContext.isActive(), "the caller's request context is back");
            assertEquals(callersId, callers.id(), "and it is the same one");
        } finally {
            if (activated) {
                requestContext.terminate();
            }
        }
    }

    @Test
    void functionsSeeTheLambdaContextAndTheTimeTheyHave() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(AwsEvents.sqs(CONTEXT, person("x")).getBytes(UTF_8)), out,
                DeadlineTest.remaining(2000));
        assertEquals("{\"batchItemFailures\":[]}", out.toString(UTF_8));
        String[] seenByFunction = seen.calls().get(0).split(" ");
        assertEquals("req-1", seenByFunction[1]);
        long left = Long.parseLong(seenByFunction[2]);
        assertTrue(left <= 1700 && left > 1000, "remaining time is the invocation's minus the margin: " + left);
    }
}
