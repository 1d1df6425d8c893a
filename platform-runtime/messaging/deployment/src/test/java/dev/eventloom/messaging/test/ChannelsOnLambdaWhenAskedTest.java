package dev.eventloom.messaging.test;

import static org.awaitility.Awaitility.await;

import java.time.Duration;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** {@code eventloom.messaging.poll-on-lambda=true} consumes the channels on Lambda too. */
class ChannelsOnLambdaWhenAskedTest {

    @RegisterExtension
    static final QuarkusUnitTest app = Received.app()
            .overrideRuntimeConfigKey("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001")
            .overrideRuntimeConfigKey("eventloom.messaging.poll-on-lambda", "true");

    @Inject
    Received received;

    @Inject
    @Connector(InMemoryConnector.CONNECTOR)
    InMemoryConnector connector;

    @Test
    void messagesAreConsumed() {
        connector.source("orders").send("\"lamp\"");
        await().atMost(Duration.ofSeconds(10)).until(() -> received.events.contains("dev.eventloom.message lamp"));
    }
}
