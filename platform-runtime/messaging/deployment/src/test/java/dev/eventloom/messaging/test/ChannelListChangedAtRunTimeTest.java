package dev.eventloom.messaging.test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;

/** The channel lists are wired at build time: another list at run time stops the start, naming both values. */
class ChannelListChangedAtRunTimeTest {

    @RegisterExtension
    static final QuarkusUnitTest app = Received.app()
            .overrideRuntimeConfigKey("eventloom.messaging.incoming", "orders,returns")
            .assertException(failure -> {
                String message = rootMessage(failure);
                assertTrue(message.contains("[EVL-0006] eventloom.messaging.incoming is [orders, returns]")
                        && message.contains("built with [orders]") && message.contains("rebuild"), message);
            });

    private static String rootMessage(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Test
    void theApplicationDoesNotStart() {
        fail("the application must not start");
    }
}
