package dev.eventloom.http.test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/** Settings of absent bindings are ignored, but a typo under a binding the application has still stops it. */
class TypoInPresentBindingFailsStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .overrideConfigKey("eventloom.http.max-body-sise", "1K")
            .assertException(failure -> {
                Throwable cause = failure;
                while (cause != null && !String.valueOf(cause.getMessage()).contains("eventloom.http.max-body-sise")) {
                    cause = cause.getCause();
                }
                if (cause == null) {
                    fail("Expected an error naming eventloom.http.max-body-sise", failure);
                }
                assertTrue(cause.getMessage().contains("SRCFG00050"), cause.getMessage());
            });

    public static class Functions {

        @Funq
        public String hello(String name) {
            return name;
        }
    }

    @Test
    void startupFails() {
        fail("the application must not start");
    }
}
