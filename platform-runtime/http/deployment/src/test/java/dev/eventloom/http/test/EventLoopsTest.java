package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.netty.util.concurrent.EventExecutor;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.NonBlocking;
import io.vertx.core.Vertx;

/** Vert.x runs one event loop per CPU the JVM may use, not Quarkus's two, and the functions run on them. */
class EventLoopsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class));

    public static class Functions {

        @Funq
        @NonBlocking
        public String where() {
            return Thread.currentThread().getName();
        }
    }

    @Inject
    Vertx vertx;

    static int eventLoops(Vertx vertx) {
        int count = 0;
        for (EventExecutor ignored : vertx.nettyEventLoopGroup()) {
            count++;
        }
        return count;
    }

    @Test
    void oneEventLoopPerCpu() {
        int cpus = Runtime.getRuntime().availableProcessors();
        assertEquals(cpus, eventLoops(vertx));
        assertEquals(cpus, ConfigProvider.getConfig().getValue("quarkus.vertx.event-loops-pool-size", Integer.class));
        given().contentType("application/json").post("/where")
                .then().statusCode(200).body(startsWith("\"vert.x-eventloop-thread-"));
    }
}
