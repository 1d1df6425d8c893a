package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.LogRecord;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.EventContext;
import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * With no sink, replies re-enter the router in the process: a chain of three functions runs from one request, the
 * caller still gets the first reply, and a loop of replies stops after max-hops.
 */
class LocalBrokerTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Seen.class, Person.class, Greeting.class))
            .overrideConfigKey("eventloom.local-broker.max-hops", "3");

    @Singleton
    public static class Seen {
        final List<String> chain = new CopyOnWriteArrayList<>();
        final AtomicInteger pings = new AtomicInteger();
    }

    public static class Functions {

        @Inject
        Seen seen;

        @Funq
        @Trigger(type = "chain.started")
        @Reply(type = "chain.checked")
        public Greeting first(Person person) {
            return new Greeting(person.name() + " checked");
        }

        @Funq
        @Trigger(type = "chain.checked")
        @Reply(type = "chain.approved")
        public Greeting second(Greeting checked, @Context EventContext event) {
            seen.chain.add("second got '" + checked.message() + "' hops " + event.extension("eventloomhops"));
            return new Greeting(checked.message() + ", approved");
        }

        @Funq
        @Trigger(type = "chain.approved")
        public void third(Greeting approved, @Context EventContext event) {
            seen.chain.add("third got '" + approved.message() + "' hops " + event.extension("eventloomhops"));
        }

        @Funq
        @Trigger(type = "loop.ping")
        @Reply(type = "loop.ping")
        public Person ping(Person person) {
            seen.pings.incrementAndGet();
            return person;
        }
    }

    @Inject
    Seen seen;

    final List<String> brokerLog = new CopyOnWriteArrayList<>();
    final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            brokerLog.add(record.getParameters() == null ? record.getMessage()
                    : String.format(record.getMessage(), record.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeEach
    void listen() {
        java.util.logging.Logger.getLogger("dev.eventloom.core.runtime.LocalBroker").addHandler(handler);
    }

    @AfterEach
    void stopListening() {
        java.util.logging.Logger.getLogger("dev.eventloom.core.runtime.LocalBroker").removeHandler(handler);
    }

    @Test
    void aReplyReachesTheFunctionsItsTriggersSelectAndTheirRepliesTheNext() {
        given().header("ce-specversion", "1.0").header("ce-id", "chain-1").header("ce-source", "/test")
                .header("ce-type", "chain.started").contentType("application/json").body("{\"name\":\"Ada\"}")
                .post("/")
                .then().statusCode(200)
                .header("ce-type", "chain.checked")
                .body("message", equalTo("Ada checked"));
        await().atMost(Duration.ofSeconds(20)).until(() -> seen.chain.size() == 2);
        assertEquals(List.of("second got 'Ada checked' hops 1", "third got 'Ada checked, approved' hops 2"),
                seen.chain);
    }

    @Test
    void aLoopOfRepliesStopsAfterMaxHops() {
        given().header("ce-specversion", "1.0").header("ce-id", "loop-1").header("ce-source", "/test")
                .header("ce-type", "loop.ping").contentType("application/json").body("{\"name\":\"Echo\"}")
                .post("/")
                .then().statusCode(200);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> brokerLog.stream().anyMatch(m -> m.contains("[EVL-0206]")));
        // The direct call, then one delivery per hop allowed: the refused fourth reply is logged before anything else.
        assertEquals(4, seen.pings.get());
        assertTrue(brokerLog.stream().anyMatch(m -> m.contains("[EVL-0206]") && m.contains("comes after 3 functions")),
                brokerLog.toString());
    }
}
