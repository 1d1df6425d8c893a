package dev.eventloom.lambda.test;

import static dev.eventloom.lambda.test.AwsEvents.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;

import dev.eventloom.lambda.runtime.LambdaEventHandler;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.json.JsonObject;

/** No function gets more time than the invocation has left, minus the safety margin. */
class DeadlineTest {

    @RegisterExtension
    static final QuarkusUnitTest app = Lambda.app()
            .overrideConfigKey("eventloom.lambda.deadline-margin", "300ms");

    @Inject
    LambdaEventHandler handler;

    @Inject
    Recorded recorded;

    /** A Lambda context with {@code millis} left from now (shared with the suite run without Vert.x). */
    static Context remaining(int millis) {
        long end = System.currentTimeMillis() + millis;
        return new Context() {
            public String getAwsRequestId() {
                return "req-1";
            }

            public String getLogGroupName() {
                return "/aws/lambda/test";
            }

            public String getLogStreamName() {
                return "stream";
            }

            public String getFunctionName() {
                return "test";
            }

            public String getFunctionVersion() {
                return "$LATEST";
            }

            public String getInvokedFunctionArn() {
                return "arn:aws:lambda:eu-west-1:123456789012:function:test";
            }

            public CognitoIdentity getIdentity() {
                return null;
            }

            public ClientContext getClientContext() {
                return null;
            }

            public int getRemainingTimeInMillis() {
                return (int) (end - System.currentTimeMillis());
            }

            public int getMemoryLimitInMB() {
                return 512;
            }

            public LambdaLogger getLogger() {
                return null;
            }
        };
    }

    private String invoke(String event, Context context) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), out, context);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void aRecordStillRunningAtTheDeadlineIsReportedBeforeLambdaStopsTheInvocation() throws Exception {
        String response = invoke(AwsEvents.sqs(AwsEvents.SIGNUPS, person("quick"), person("slow", 8_000)),
                remaining(1000));
        // Answered while the slow record's function still runs: at the invocation's deadline, not at the function's end.
        assertFalse(recorded.calls().contains("signup:slow"), recorded.calls().toString());
        JsonObject answer = new JsonObject(response);
        assertEquals("msg-1", answer.getJsonArray("batchItemFailures").getJsonObject(0).getString("itemIdentifier"),
                response);
        assertEquals(1, answer.getJsonArray("batchItemFailures").size(), response);
        assertTrue(recorded.calls().contains("signup:quick"), recorded.calls().toString());
    }

    @Test
    void functionsSeeTheLambdaContextAndTheTimeTheyHave() throws Exception {
        // An HTTP-style event: run where the application has the HTTP binding (WithoutVertxTest covers the rest).
        Assumptions.assumeTrue(Thread.currentThread().getContextClassLoader()
                .getResource("dev/eventloom/http/runtime/HttpRecorder.class") != null, "needs the HTTP binding");
        String response = invoke(AwsEvents.apiGatewayV2("GET", "/lambda", "$default", new JsonObject(), null).encode(),
                remaining(2000));
        String body = new JsonObject(response).getString("body");
        String[] parts = body.replace("\"", "").split("\\|");
        assertEquals("req-1", parts[0]);
        long left = Long.parseLong(parts[2]);
        assertTrue(left <= 1700 && left > 1000, "remaining time is the invocation's minus the margin: " + left);
    }
}
