package dev.eventloom.messaging.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.inject.Singleton;

import dev.eventloom.EventContext;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/** What the functions of the configuration tests received: {@code "<type> <data>"}. */
@Singleton
public class Received {

    /** The application of the configuration tests: {@link AnyEvent} fed by the in-memory channel "orders". */
    static QuarkusUnitTest app() {
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar.addClasses(Received.class, AnyEvent.class))
                .overrideConfigKey("quarkus.kafka.devservices.enabled", "false")
                .overrideConfigKey("eventloom.messaging.incoming", "orders")
                .overrideConfigKey("mp.messaging.incoming.orders.connector", "smallrye-in-memory");
    }

    final List<String> events = new CopyOnWriteArrayList<>();

    /** Receives every event whatever its type, so a test sees the type the binding gave it. */
    public static class AnyEvent {

        @jakarta.inject.Inject
        Received received;

        @Funq
        @dev.eventloom.Trigger(source = "orders")
        public void take(String data, @Context EventContext event) {
            received.events.add(event.type() + " " + data);
        }
    }
}
