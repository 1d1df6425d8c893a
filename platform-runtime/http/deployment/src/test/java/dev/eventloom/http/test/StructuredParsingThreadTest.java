package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Singleton;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.funqy.Funq;
import io.quarkus.jackson.ObjectMapperCustomizer;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.Context;

/**
 * A structured event is parsed on the event loop when it is small, and on a worker thread when it is large (over
 * 64 KB): a large legal document would otherwise hold up every other request of its loop while Jackson reads it. The
 * application's JSON node factory records where the event's JSON objects are made.
 */
class StructuredParsingThreadTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, RecordingNodes.class));

    /** Where JSON objects were made: {@code true} on an event-loop thread. */
    static final List<Boolean> onEventLoop = new CopyOnWriteArrayList<>();

    @Singleton
    public static class RecordingNodes implements ObjectMapperCustomizer {
        @Override
        public void customize(ObjectMapper mapper) {
            mapper.setNodeFactory(new JsonNodeFactory() {
                @Override
                public ObjectNode objectNode() {
                    onEventLoop.add(Context.isOnEventLoopThread());
                    return super.objectNode();
                }
            });
        }
    }

    public static class Functions {
        @Funq
        public void take(byte[] data) {
        }
    }

    @BeforeEach
    void clear() {
        onEventLoop.clear();
    }

    private static void post(int dataLength) {
        given().contentType("application/cloudevents+json")
                .body("{\"specversion\":\"1.0\",\"id\":\"p-1\",\"source\":\"/t\",\"type\":\"t\",\"data\":{\"text\":\""
                        + "x".repeat(dataLength) + "\"}}")
                .post("/take").then().statusCode(202);
    }

    @Test
    void aSmallStructuredEventIsParsedOnTheEventLoop() {
        post(100);
        assertFalse(onEventLoop.isEmpty(), "the event's JSON was read through the application's mapper");
        assertTrue(onEventLoop.stream().allMatch(Boolean::booleanValue), onEventLoop.toString());
    }

    @Test
    void aLargeStructuredEventIsParsedOffTheEventLoop() {
        post(200 * 1024);
        assertFalse(onEventLoop.isEmpty(), "the event's JSON was read through the application's mapper");
        assertTrue(onEventLoop.stream().noneMatch(Boolean::booleanValue), onEventLoop.toString());
    }
}
