package dev.eventloom.examples.signups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.eventloom.test.EventloomClient;
import dev.eventloom.test.Events;
import dev.eventloom.test.Outcome;
import io.cloudevents.CloudEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A signup that keeps failing is retried, then dead-lettered: here into the test kit's memory sink, set by this
 * test's profile as an application would set a queue or a URL.
 */
@QuarkusTest
@TestProfile(SignupsDeadLetterTest.RetryThenDeadLetter.class)
class SignupsDeadLetterTest {

    public static class RetryThenDeadLetter implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "eventloom.function.\"register\".retries", "1",
                    "eventloom.function.\"register\".backoff-delay", "10ms",
                    "eventloom.function.\"register\".dead-letter", "memory:bad-signups",
                    "eventloom.source.signups.ce-source", "/tests/signups");
        }
    }

    @Inject
    EventloomClient eventloom;

    @Test
    void aSignupThatKeepsFailingIsRetriedOnceThenDeadLettered() {
        Outcome outcome = eventloom.send(Events.cloudEvent("signup.requested").id("bad-1").source("/tests/signups")
                .json("{\"email\":\"nope\"}"));
        assertEquals(List.of("register"), outcome.functions());
        assertTrue(outcome.of("register").succeeded(), "a dead-lettered event counts as handled");
        List<CloudEvent> dead = eventloom.sink("bad-signups");
        assertEquals(1, dead.size());
        assertEquals("bad-1", dead.get(0).getId());
        assertEquals(2, ((Number) dead.get(0).getExtension("eventloomattempts")).intValue(), "one try, one retry");
        assertTrue(String.valueOf(dead.get(0).getExtension("eventloomerror")).contains("valid email"));
    }
}
