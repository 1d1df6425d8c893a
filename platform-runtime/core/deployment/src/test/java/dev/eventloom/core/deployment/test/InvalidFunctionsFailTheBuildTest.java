package dev.eventloom.core.deployment.test;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.CloudEvent;
import dev.eventloom.Delivery;
import dev.eventloom.EventContext;
import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/** Every mistake in a class of functions is reported in one build failure, each naming its class and method. */
class InvalidFunctionsFailTheBuildTest {

    static final String CLASS = BrokenFunctions.class.getName();

    @RegisterExtension
    static final QuarkusUnitTest build = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(BrokenFunctions.class, OtherFunctions.class))
            .assertException(InvalidFunctionsFailTheBuildTest::assertEveryProblemIsReported);

    static void assertEveryProblemIsReported(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof DeploymentException)) {
            cause = cause.getCause();
        }
        if (cause == null) {
            fail("Expected a DeploymentException", failure);
        }
        String message = cause.getMessage();
        List<String> expected = List.of(
                "[EVL-0001] Eventloom found 12 problems with the functions:",
                OtherFunctions.class.getName() + "#greet has the function name 'hello', already used by " + CLASS
                        + "#hello; give one of them another name with @Funq(\"...\")",
                CLASS + "#twoInputs takes more than one input parameter (java.lang.String, java.lang.Integer)",
                CLASS + "#streamInput has the parameter type io.smallrye.mutiny.Multi<java.lang.String>, which is not supported",
                CLASS + "#streamOutput returns io.smallrye.mutiny.Multi<java.lang.String>, a stream, which is not supported",
                CLASS + "#rawCloudEvent takes a raw CloudEvent; declare its data type",
                CLASS + "#contextWithoutAnnotation takes an EventContext without @io.quarkus.funqy.Context",
                CLASS + "#wrongContext has an @Context parameter of type java.lang.String",
                CLASS + "#badCesql has an invalid @Trigger: CESQL expression \"type = = 'x'\" does not parse",
                CLASS + "#unknownDialect has an invalid trigger #2: unknown filter dialect 'regex'",
                CLASS + "#conflictingDispatch has conflicting dispatch annotations @Blocking and @NonBlocking; keep one",
                CLASS + "#badTimeout has @Delivery(timeout = \"soon\"), which is not a duration",
                CLASS + "#badAttribute has an invalid @Trigger: 'Type' is not a CloudEvents attribute name");
        for (String problem : expected) {
            assertTrue(message.contains(problem), () -> "Missing «" + problem + "» in:\n" + message);
        }
    }

    @Test
    void theBuildFails() {
        fail("The build should have failed");
    }

    public static class BrokenFunctions {

        @Funq
        public String hello(String name) {
            return name;
        }

        @Funq
        public String twoInputs(String a, Integer b) {
            return a + b;
        }

        @Funq
        public void streamInput(Multi<String> names) {
        }

        @Funq
        public Multi<String> streamOutput() {
            return Multi.createFrom().empty();
        }

        @Funq
        @SuppressWarnings("rawtypes")
        public void rawCloudEvent(CloudEvent event) {
        }

        @Funq
        public void contextWithoutAnnotation(String input, EventContext context) {
        }

        @Funq
        public void wrongContext(@Context String context) {
        }

        @Funq
        @Trigger(cesql = "type = = 'x'")
        public void badCesql() {
        }

        @Funq
        @Trigger(type = "a")
        @Trigger(filters = "[{\"regex\": {\"type\": \"a.*\"}}]")
        public void unknownDialect() {
        }

        @Funq
        @Blocking
        @NonBlocking
        public Uni<String> conflictingDispatch() {
            return Uni.createFrom().item("x");
        }

        @Funq
        @Delivery(timeout = "soon")
        public CompletionStage<String> badTimeout() {
            return null;
        }

        @Funq
        @Trigger(exact = "Type=x")
        @RunOnVirtualThread
        @Reply(type = "ok")
        public void badAttribute() {
        }
    }

    public static class OtherFunctions {

        @Funq("hello")
        public String greet(String name) {
            return name;
        }
    }
}
