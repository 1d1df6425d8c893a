package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.NonBlocking;

/** A function that holds the event loop is named in a warning and counted, so users know what to mark @Blocking. */
class EventLoopGuardTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ManagementPort.class, Functions.class))
            .overrideConfigKey("eventloom.event-loop-warning-threshold", "100ms")
            .setLogRecordPredicate(record -> record.getMessage() != null && record.getMessage().contains("EVL-0101"))
            .assertLogRecords(records -> {
                assertEquals(1, records.size(), "one warning, for the slow call only");
                assertEquals(Level.WARNING, records.get(0).getLevel());
                String message = String.format(records.get(0).getMessage().replace("%d", "%s"),
                        records.get(0).getParameters());
                assertTrue(message.contains("Function 'spin' held the event loop for"), message);
                assertTrue(message.contains("annotate it @Blocking"), message);
            });

    public static class Functions {

        @Funq
        @NonBlocking
        public String spin(int millis) {
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
            while (System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            return "spun";
        }
    }

    @Test
    void holdingTheLoopPastTheThresholdIsWarnedAndCounted() {
        given().contentType("application/json").body("5").post("/spin").then().statusCode(200);
        given().contentType("application/json").body("300").post("/spin").then().statusCode(200);
        ManagementPort.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("eventloom_event_loop_blocked_total{function=\"spin\"} 1.0"));
    }
}
