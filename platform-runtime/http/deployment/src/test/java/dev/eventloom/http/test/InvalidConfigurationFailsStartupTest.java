package dev.eventloom.http.test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/** Mistakes in run-time configuration stop the application at startup, all of them listed. */
class InvalidConfigurationFailsStartupTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .overrideConfigKey("eventloom.function.hello.trigger.cesql", "type = = 'x'")
            .overrideConfigKey("eventloom.function.helo.timeout", "1s")
            .assertException(failure -> {
                Throwable cause = failure;
                while (cause != null && !(cause instanceof ConfigurationException)) {
                    cause = cause.getCause();
                }
                if (cause == null) {
                    fail("Expected a ConfigurationException", failure);
                }
                String message = cause.getMessage();
                assertTrue(message.contains("[EVL-0002] Invalid Eventloom configuration"), message);
                assertTrue(message.contains("function 'hello': trigger filters [{\"cesql\": \"type = = 'x'\"}]: "
                        + "CESQL expression \"type = = 'x'\" does not parse"), message);
                assertTrue(message.contains("eventloom.function.\"helo\" configures a function that does not exist; "
                        + "the functions are [hello]"), message);
            });

    public static class Functions {

        @Funq
        public String hello(String name) {
            return name;
        }
    }

    @Test
    void startupFails() {
        fail("startup should have failed");
    }
}
