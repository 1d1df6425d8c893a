package dev.eventloom.http.test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Delivery;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/** Asking for the Redis idempotency store without the module that provides it stops the build and says what to add. */
class RedisStoreWithoutModuleFailsTheBuildTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .overrideConfigKey("eventloom.idempotency.store", "redis")
            .assertException(failure -> {
                Throwable cause = failure;
                while (cause != null && !String.valueOf(cause.getMessage()).contains("EVL-0007")) {
                    cause = cause.getCause();
                }
                if (cause == null) {
                    fail("Expected [EVL-0007]", failure);
                }
                assertTrue(cause.getMessage().contains("dev.eventloom:eventloom-redis"), cause.getMessage());
            });

    public static class Functions {

        @Funq
        @Delivery(idempotent = true)
        public String once(String name) {
            return name;
        }
    }

    @Test
    void theBuildFails() {
        fail("the application must not build");
    }
}
