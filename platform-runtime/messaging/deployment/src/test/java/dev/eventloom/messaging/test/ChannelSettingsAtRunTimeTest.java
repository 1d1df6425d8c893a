package dev.eventloom.messaging.test;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** A channel's settings are read at run time: a value set only there is the one that applies. */
class ChannelSettingsAtRunTimeTest {

    @RegisterExtension
    static final QuarkusUnitTest app = Received.app()
            .overrideConfigKey("eventloom.messaging.channel.orders.type", "built.type")
            .overrideRuntimeConfigKey("eventloom.messaging.channel.orders.type", "runtime.type");

    @Inject
    Received received;

    @Inject
    @Connector(InMemoryConnector.CONNECTOR)
    InMemoryConnector connector;

    @Test
    void theTypeSetAtRunTimeIsTheOneMessagesGet() {
        connector.source("orders").send("\"book\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.events.contains("runtime.type book"));
    }
}
