package dev.eventloom.examples.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.eventloom.test.EventloomClient;
import dev.eventloom.test.Events;
import dev.eventloom.test.Outcome;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.core.json.JsonObject;

/**
 * The pipeline with no Kafka at all, as the README's "without Kafka" run starts it (the profile {@code local}): the
 * local broker takes each reply to the next step, and a bad order's dead letter lands in a file.
 */
@QuarkusTest
@TestProfile(LocalPipelineTest.Local.class)
class LocalPipelineTest {

    static final Path DEAD_LETTERS = Path.of("target", "orders-dead-letters.jsonl");

    public static class Local implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "local";
        }

        @Override
        public java.util.Map<String, String> getConfigOverrides() {
            return java.util.Map.of("quarkus.http.test-port", "0");
        }
    }

    @Inject
    EventloomClient eventloom;

    @Test
    void aGoodOrderRunsEveryStepInTheProcessAndABadOneGoesToTheDeadLetterFile() throws IOException {
        Outcome good = eventloom.send(Events.cloudEvent("order.created")
                .json("{\"orderId\":\"o-1\",\"customer\":\"ada\",\"sku\":\"book\",\"quantity\":2}"));
        assertTrue(good.of("reserve-stock").succeeded(), good.toString());
        assertEquals(List.of("invoice", "notify"), good.chainFunctions(), "the replies ran the next steps: " + good);

        long before = Files.exists(DEAD_LETTERS) ? Files.readAllLines(DEAD_LETTERS).size() : 0;
        Outcome bad = eventloom.send(Events.cloudEvent("order.created")
                .json("{\"orderId\":\"o-2\",\"customer\":\"bob\",\"sku\":\"unicorn\",\"quantity\":1}"));
        assertTrue(bad.of("reserve-stock").succeeded(), "dead-lettered, so the delivery is done: " + bad);
        assertTrue(bad.chainFunctions().isEmpty(), "nothing runs after a dead letter: " + bad);
        List<String> lines = Files.readAllLines(DEAD_LETTERS);
        assertEquals(before + 1, lines.size(), "one dead letter for the bad order");
        JsonObject dead = new JsonObject(lines.get(lines.size() - 1));
        assertEquals("reserve-stock", dead.getString("eventloomfunction"));
        assertEquals(3, Integer.parseInt(String.valueOf(dead.getValue("eventloomattempts"))));
        assertTrue(dead.getString("eventloomerror").contains("unknown sku unicorn"), dead.encode());
        assertEquals("o-2", dead.getJsonObject("data").getString("orderId"), "the event is kept whole");
    }
}
