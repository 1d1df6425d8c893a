package dev.eventloom.http.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.netty.util.concurrent.EventExecutor;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.Vertx;

/** The application's own event-loop count wins over Eventloom's one per CPU. */
class EventLoopsConfiguredTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .overrideConfigKey("quarkus.vertx.event-loops-pool-size", "3");

    public static class Functions {

        @Funq
        public String hello(String name) {
            return "Hello " + name;
        }
    }

    @Inject
    Vertx vertx;

    @Test
    void theConfiguredCountWins() {
        int count = 0;
        for (EventExecutor ignored : vertx.nettyEventLoopGroup()) {
            count++;
        }
        assertEquals(3, count);
    }
}
