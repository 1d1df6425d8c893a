package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Trigger;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/** The first invocation of an instance is marked once: a log line with its event and the cold-start gauge. */
class ColdStartTest {

    static final List<ExtLogRecord> LINES = new CopyOnWriteArrayList<>();

    /** Listens from before the first event (the application logs none on its own). */
    static final Handler HANDLER = new Handler() {
        @Override
        public void publish(LogRecord record) {
            if (record instanceof ExtLogRecord ext && ext.getFormattedMessage().contains("[EVL-0010]")) {
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

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ManagementPort.class, Functions.class))
            .overrideConfigKey("eventloom.logging.mdc", "true");

    @BeforeAll
    static void listen() {
        java.util.logging.Logger.getLogger("").addHandler(HANDLER);
    }

    @AfterAll
    static void stop() {
        java.util.logging.Logger.getLogger("").removeHandler(HANDLER);
    }

    public static class Functions {

        @Funq
        @Trigger(type = "cold.ping")
        public void ping(String name) {
        }
    }

    private static void send(String id) {
        given().header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/cold")
                .header("ce-type", "cold.ping").contentType("application/json").body("\"x\"").post("/")
                .then().statusCode(202);
    }

    @Test
    void theFirstInvocationIsLoggedOnceWithItsEventAndKeptAsAGauge() {
        send("first");
        send("second");
        send("third");
        await().atMost(Duration.ofSeconds(30)).until(() -> !LINES.isEmpty());
        assertEquals(1, LINES.size(), "once per instance");
        ExtLogRecord line = LINES.get(0);
        assertTrue(line.getFormattedMessage().contains("event first through http"), line.getFormattedMessage());
        assertTrue(line.getFormattedMessage().contains("ms after the process started"), line.getFormattedMessage());
        assertEquals("first", line.getMdc("eventId"));
        assertEquals("ping", line.getMdc("function"));
        String metrics = ManagementPort.given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("eventloom_cold_start_seconds{binding=\"http\"}"), "the gauge, per binding: "
                + metrics.lines().filter(l -> l.contains("cold_start")).toList());
    }
}
