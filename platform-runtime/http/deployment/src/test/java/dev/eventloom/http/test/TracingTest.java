package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Delivery;
import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.builder.Version;
import io.quarkus.funqy.Funq;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.mutiny.Uni;

/**
 * With quarkus-opentelemetry, each attempt of a function is a span, parented by the event's traceparent or by the HTTP
 * request's span, and each reply carries its attempt's span: a chain of three functions through the local broker is
 * one trace, each hop the child of the one before.
 */
class TracingTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Exporter.class, TestSink.class))
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-opentelemetry", Version.getVersion())))
            .overrideConfigKey("quarkus.otel.exporter.otlp.enabled", "false")
            .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "10ms")
            .overrideConfigKey("eventloom.logging.mdc", "true")
            .overrideConfigKey("eventloom.function.doomed.dead-letter",
                    "http://localhost:${quarkus.http.test-port:8081}/test-sink/events");

    /** The lines the chain's last function logs, with their MDC. */
    static final List<ExtLogRecord> LINES = new CopyOnWriteArrayList<>();

    static final Handler HANDLER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext && ext.getFormattedMessage().startsWith("third ran")) {
                ext.copyMdc();
                LINES.add(ext);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void listen() {
        java.util.logging.Logger.getLogger("").addHandler(HANDLER);
    }

    @AfterAll
    static void stop() {
        java.util.logging.Logger.getLogger("").removeHandler(HANDLER);
    }

    @ApplicationScoped
    public static class Exporter {

        @Produces
        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }
    }

    public static class Functions {

        @Funq
        @Trigger(type = "chain.start")
        @Reply(type = "chain.second")
        public String first(String text) {
            return text + " first";
        }

        @Funq
        @Trigger(type = "chain.second")
        @Reply(type = "chain.third")
        @NonBlocking // inline on the event loop: the fast lane
        public String second(String text) {
            return text + " second";
        }

        @Funq
        @Trigger(type = "chain.third")
        public Uni<Void> third(String text) {
            Logger.getLogger(Functions.class).infof("third ran on %s", text);
            return Uni.createFrom().voidItem();
        }

        @Funq
        @Trigger(type = "doomed.requested")
        public void doomed(String text) {
            throw new IllegalStateException("never works");
        }

        @Funq
        @Trigger(type = "flaky.requested")
        @Delivery(retries = 1, backoffDelay = "1ms")
        public void flaky(String text) {
            throw new IllegalStateException("always fails");
        }
    }

    @Inject
    InMemorySpanExporter exporter;

    @Inject
    TestSink sink;

    @BeforeEach
    void clear() {
        exporter.reset();
        LINES.clear();
    }

    private static String attribute(SpanData span, String key) {
        Object value = span.getAttributes().get(AttributeKey.stringKey(key));
        return value == null ? null : value.toString();
    }

    private Map<String, SpanData> eventloomSpans(int count) {
        await().atMost(Duration.ofSeconds(30)).until(() -> exporter.getFinishedSpanItems().stream()
                .filter(s -> attribute(s, "eventloom.function") != null).count() >= count);
        return exporter.getFinishedSpanItems().stream().filter(s -> attribute(s, "eventloom.function") != null)
                .collect(Collectors.toMap(s -> attribute(s, "eventloom.function") + "#"
                        + s.getAttributes().get(AttributeKey.longKey("eventloom.attempt")), s -> s));
    }

    @Test
    void aChainOfThreeFunctionsIsOneTraceUnderTheEventsTraceparent() {
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String parentId = "00f067aa0ba902b7";
        given().header("ce-specversion", "1.0").header("ce-id", "c-1").header("ce-source", "/test")
                .header("ce-type", "chain.start").header("ce-traceparent", "00-" + traceId + "-" + parentId + "-01")
                .contentType("application/json").body("\"go\"").post("/").then().statusCode(200);
        Map<String, SpanData> spans = eventloomSpans(3);
        SpanData first = spans.get("first#1");
        SpanData second = spans.get("second#1");
        SpanData third = spans.get("third#1");
        for (SpanData span : List.of(first, second, third)) {
            assertEquals(traceId, span.getTraceId(), span.toString());
            assertEquals(SpanKind.CONSUMER, span.getKind());
            assertEquals("success", attribute(span, "eventloom.outcome"));
        }
        assertEquals(parentId, first.getParentSpanId());
        assertEquals(first.getSpanId(), second.getParentSpanId(), "the reply carries its attempt's span");
        assertEquals(second.getSpanId(), third.getParentSpanId());
        assertEquals("c-1", attribute(first, "cloudevents.event_id"));
        assertEquals("chain.start", attribute(first, "cloudevents.event_type"));
        assertEquals("/test", attribute(first, "cloudevents.event_source"));
        assertEquals("chain.second", attribute(second, "cloudevents.event_type"));
        await().atMost(Duration.ofSeconds(30)).until(() -> !LINES.isEmpty());
        assertEquals(traceId, LINES.get(0).getMdc("traceId"), "a function's log lines carry its trace");
        assertEquals(third.getSpanId(), LINES.get(0).getMdc("spanId"), "and its attempt's span");
    }

    @Test
    void withoutATraceparentTheHttpRequestsSpanIsTheParent() {
        given().header("ce-specversion", "1.0").header("ce-id", "c-2").header("ce-source", "/test")
                .header("ce-type", "chain.start").contentType("application/json").body("\"go\"").post("/").then()
                .statusCode(200);
        Map<String, SpanData> spans = eventloomSpans(3);
        SpanData first = spans.get("first#1");
        await().atMost(Duration.ofSeconds(30)).until(() -> exporter.getFinishedSpanItems().stream()
                .anyMatch(s -> s.getKind() == SpanKind.SERVER));
        SpanData server = exporter.getFinishedSpanItems().stream().filter(s -> s.getKind() == SpanKind.SERVER)
                .findFirst().orElseThrow();
        assertEquals(server.getTraceId(), first.getTraceId());
        assertEquals(server.getSpanId(), first.getParentSpanId());
        assertEquals(first.getTraceId(), spans.get("third#1").getTraceId(), "one trace to the end of the chain");
    }

    @Test
    void eachAttemptIsASpanWithItsNumberAndOutcome() {
        given().header("ce-specversion", "1.0").header("ce-id", "f-1").header("ce-source", "/test")
                .header("ce-type", "flaky.requested").contentType("application/json").body("\"go\"").post("/").then()
                .statusCode(500);
        Map<String, SpanData> spans = eventloomSpans(2);
        assertEquals("function_failed", attribute(spans.get("flaky#1"), "eventloom.outcome"));
        assertEquals("function_failed", attribute(spans.get("flaky#2"), "eventloom.outcome"));
        assertEquals(spans.get("flaky#1").getTraceId(), spans.get("flaky#2").getTraceId());
        assertTrue(spans.get("flaky#2").getStatus().getDescription().contains("error id"),
                "the status names the log line's error id, not the exception");
    }

    @Test
    void aDeadLetterContinuesTheTraceFromTheLastAttempt() {
        given().header("ce-specversion", "1.0").header("ce-id", "d-1").header("ce-source", "/test")
                .header("ce-type", "doomed.requested").contentType("application/json").body("\"go\"").post("/")
                .then().statusCode(202);
        SpanData attempt = eventloomSpans(1).get("doomed#1");
        await().atMost(Duration.ofSeconds(30)).until(() -> sink.received().stream()
                .anyMatch(e -> "d-1".equals(e.getId())));
        Object traceparent = sink.received().stream().filter(e -> "d-1".equals(e.getId())).findFirst().orElseThrow()
                .getExtension("traceparent");
        assertEquals("00-" + attempt.getTraceId() + "-" + attempt.getSpanId() + "-01", traceparent);
    }
}
