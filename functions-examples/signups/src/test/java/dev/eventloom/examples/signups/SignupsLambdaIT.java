package dev.eventloom.examples.signups;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.eventloom.samples.AwsEvents;
import dev.eventloom.testkit.LambdaProcess;
import dev.eventloom.testkit.RuntimeApiServer;
import io.vertx.core.json.JsonObject;

/**
 * The packaged {@code target/function.zip}, run as AWS's {@code java21} runtime runs it: unpacked, started by the
 * Runtime Interface Client with Quarkus's stream handler, fed by a Runtime API server.
 */
class SignupsLambdaIT {

    static RuntimeApiServer api;
    static LambdaProcess lambda;
    static int httpPort;

    @BeforeAll
    static void start() throws Exception {
        Path zip = Path.of("target", "function.zip");
        assertTrue(Files.exists(zip), "./mvnw package writes target/function.zip");
        Path root = Path.of("target", "lambda-task").toAbsolutePath();
        LambdaProcess.unpack(zip, root);
        api = new RuntimeApiServer();
        httpPort = RunnerJarIT.freePort();
        // no QUARKUS_HTTP_HOST_ENABLED: on Lambda (AWS_LAMBDA_RUNTIME_API set) the socket is off by default
        lambda = LambdaProcess.start(root, api.address(), List.of("-XX:TieredStopAtLevel=1"),
                Map.of("QUARKUS_HTTP_PORT", String.valueOf(httpPort),
                        "EVENTLOOM_LAMBDA_SOURCES", "signups=" + SignupEvents.QUEUE),
                Path.of("target", "lambda-it.log"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (lambda != null) {
            lambda.close();
        }
        if (api != null) {
            api.close();
        }
    }

    private static RuntimeApiServer.Result invoke(String event) throws Exception {
        RuntimeApiServer.Result result = api.invokeAndWait(event, Duration.ofSeconds(30));
        assertFalse(api.initError().isDone(), "init error: " + api.initError().getNow(""));
        return result;
    }

    @Test
    void theZipServesQueuesAndHttpThroughTheRuntimeInterfaceClient() throws Exception {
        RuntimeApiServer.Result batch = invoke(SignupEvents.sqs(SignupEvents.signup("ann@example.com", "Ann"),
                SignupEvents.signup("broken", "Bob")));
        assertFalse(batch.error(), batch.body());
        assertEquals("m-1", new JsonObject(batch.body()).getJsonArray("batchItemFailures").getJsonObject(0)
                .getString("itemIdentifier"), batch.body());

        RuntimeApiServer.Result members = invoke(AwsEvents.httpApi("GET", "/members", null));
        JsonObject response = new JsonObject(members.body());
        assertEquals(200, response.getInteger("statusCode"), members.body());
        assertTrue(response.getString("body").contains("ann@example.com"), members.body());

        RuntimeApiServer.Result malformed = invoke("{\"Records\":[{\"eventSource\":\"aws:unknown\"}]}");
        assertTrue(malformed.error(), malformed.body());
        JsonObject error = new JsonObject(malformed.body());
        assertTrue(error.getString("errorMessage").contains("aws:unknown"), malformed.body());
        assertTrue(error.getJsonArray("stackTrace") == null || error.getJsonArray("stackTrace").isEmpty(),
                "no stack trace: " + malformed.body());

        RuntimeApiServer.Result after = invoke(AwsEvents.httpApi("GET", "/members", null));
        assertEquals(200, new JsonObject(after.body()).getInteger("statusCode"), "the runtime keeps polling");

        try (java.net.Socket ignored = new java.net.Socket("localhost", httpPort)) {
            throw new AssertionError("on Lambda the HTTP server must not listen on a socket (port " + httpPort + ")");
        } catch (java.io.IOException expected) {
            // HTTP events arrive through the invocation only
        }
    }
}
