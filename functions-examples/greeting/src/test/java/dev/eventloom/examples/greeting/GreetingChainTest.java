package dev.eventloom.examples.greeting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.eventloom.test.EventloomClient;
import dev.eventloom.test.Events;
import dev.eventloom.test.Outcome;
import io.quarkus.test.junit.QuarkusTest;

/** The greeting chain in the process, with the test kit: greet replies, and the local broker hands the reply on. */
@QuarkusTest
class GreetingChainTest {

    @Inject
    EventloomClient eventloom;

    @Inject
    Announcements announcements;

    @Test
    void aGreetingRequestIsGreetedThenAnnounced() {
        Outcome outcome = eventloom.send(Events.cloudEvent("dev.eventloom.greeting.requested").subject("Lyon")
                .json(new Person("Hedy")));
        assertEquals(List.of("greet"), outcome.functions());
        assertEquals("Hello from Lyon, Hedy", outcome.replyData(Greeting.class).message());
        assertEquals(List.of("announce"), outcome.chainFunctions(), "greet's reply went on to announce");
        assertTrue(outcome.chain().get(0).succeeded());
        assertTrue(announcements.all().contains("Hello from Lyon, Hedy"), announcements.all().toString());
    }

    @Test
    void aGoldVisitorFansOutAndBothRepliesAreRouted() {
        Outcome outcome = eventloom.send(Events.cloudEvent("dev.eventloom.greeting.requested")
                .extension("tier", "gold").json(new Person("Grace")));
        assertEquals(List.of("greet", "vip-welcome"), outcome.functions());
        assertEquals(List.of("announce"), outcome.chainFunctions(), "vip-welcome replies nothing; greet's reply is announced");
    }
}
