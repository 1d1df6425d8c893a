package dev.eventloom.http.test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.test.QuarkusUnitTest;

/** Asking for bearer tokens without an extension that verifies them stops the application, saying what to add. */
class AccessControlWithoutTokenExtensionTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .overrideConfigKey("eventloom.http.auth.required", "true")
            .assertException(failure -> {
                Throwable cause = failure;
                while (cause != null && !(cause instanceof ConfigurationException)) {
                    cause = cause.getCause();
                }
                if (cause == null) {
                    fail("Expected a ConfigurationException", failure);
                }
                assertTrue(cause.getMessage()
                        .contains("add io.quarkus:quarkus-oidc or io.quarkus:quarkus-smallrye-jwt"), cause.getMessage());
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
