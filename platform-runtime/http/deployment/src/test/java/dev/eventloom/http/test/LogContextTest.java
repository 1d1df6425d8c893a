package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Trigger;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Every line a function logs during its invocation, and Eventloom's lines about it, carry the event's id, type,
 * source, the function and the trace of its {@code traceparent}: on the event loop, a worker, a virtual thread and in a
 * {@code Uni} continuation; a later invocation never sees an earlier one's values.
 */
class LogContextTest {

    static final Logger LOG = Logger.getLogger("test.functions");

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            // On by default with quarkus-logging-json; this application logs text.
            .overrideConfigKey("eventloom.logging.mdc", "true");

    /** A line and the MDC it was logged with. */
    record Line(String message, Map<String, String> mdc) {
    }

    static final List<Line> LINES = new CopyOnWriteArrayList<>();

    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext && (record.getLoggerName().startsWith("test.")
                    || record.getLoggerName().startsWith("dev.eventloom"))) {
                LINES.add(new Line(ext.getFormattedMessage(), Map.copyOf(ext.getMdcCopy())));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    public static class Functions {

        @Funq
        @Trigger(type = "log.loop")
        public void onLoop(String name) {
            LOG.infof("on the event loop for %s", name);
        }

        @Funq
        @Blocking
        @Trigger(type = "log.worker")
        public void onWorker(String name) {
            LOG.infof("on a worker for %s", name);
        }

        @Funq
        @RunOnVirtualThread
        @Trigger(type = "log.virtual")
        public void onVirtual(String name) {
            LOG.infof("on a virtual thread for %s", name);
        }

        @Funq
        @Trigger(type = "log.async")
        public Uni<Void> later(String name) {
            Context context = Vertx.currentContext();
            return Uni.createFrom().item(name)
                    .emitOn(task -> context.runOnContext(ignored -> task.run()))
                    .invoke(n -> LOG.infof("in a continuation for %s", n)).replaceWithVoid();
        }

        @Funq
        @Trigger(type = "log.fails")
        public void fails(String name) {
            throw new IllegalStateException("cannot greet " + name);
        }
    }

    @BeforeEach
    void listen() {
        LINES.clear();
        java.util.logging.Logger.getLogger("").addHandler(handler);
    }

    @AfterEach
    void stop() {
        java.util.logging.Logger.getLogger("").removeHandler(handler);
    }

    private static void send(String type, String id, String traceparent) {
        var request = given().header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/logs")
                .header("ce-type", type).contentType("application/json").body("\"" + id + "\"");
        if (traceparent != null) {
            request.header("ce-traceparent", traceparent);
        }
        request.post("/");
    }

    private static Line line(String text) {
        await().atMost(Duration.ofSeconds(30)).until(() -> LINES.stream().anyMatch(l -> l.message().contains(text)));
        return LINES.stream().filter(l -> l.message().contains(text)).findFirst().orElseThrow();
    }

    private static void assertContext(Line line, String id, String type, String function) {
        assertEquals(id, line.mdc().get("eventId"), line.toString());
        assertEquals(type, line.mdc().get("eventType"), line.toString());
        assertEquals("/logs", line.mdc().get("eventSource"), line.toString());
        assertEquals(function, line.mdc().get("function"), line.toString());
    }

    @Test
    void everyThreadOfAnInvocationLogsWithItsEvent() {
        send("log.loop", "e-loop", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
        Line loop = line("on the event loop for e-loop");
        assertContext(loop, "e-loop", "log.loop", "onLoop");
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", loop.mdc().get("traceId"));
        assertEquals("00f067aa0ba902b7", loop.mdc().get("spanId"));

        send("log.worker", "e-worker", null);
        Line worker = line("on a worker for e-worker");
        assertContext(worker, "e-worker", "log.worker", "onWorker");
        assertNull(worker.mdc().get("traceId"), "no traceparent, no trace: " + worker);

        send("log.virtual", "e-virtual", null);
        assertContext(line("on a virtual thread for e-virtual"), "e-virtual", "log.virtual", "onVirtual");

        send("log.async", "e-async", null);
        assertContext(line("in a continuation for e-async"), "e-async", "log.async", "later");
    }

    @Test
    void eventloomsOwnLinesAboutAnInvocationCarryItToo() {
        send("log.fails", "e-fails", null);
        Line failed = line("[EVL-0500]");
        assertContext(failed, "e-fails", "log.fails", "fails");
        assertTrue(failed.message().contains("e-fails"));
    }

    @Test
    void eachInvocationLogsWithItsOwnEventOnly() {
        // Ids of one length: no id is the start of another, so a line is found by its own id only.
        for (int i = 100; i < 120; i++) {
            send(i % 2 == 0 ? "log.loop" : "log.worker", "e-" + i, null);
        }
        for (int i = 100; i < 120; i++) {
            String id = "e-" + i;
            Line line = line((i % 2 == 0 ? "on the event loop for " : "on a worker for ") + id);
            assertEquals(id, line.mdc().get("eventId"), line.toString());
        }
    }
}
