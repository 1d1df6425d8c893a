package dev.eventloom.lambda.test;

import static io.restassured.RestAssured.given;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.builder.ResponseBuilder;
import io.restassured.response.Response;

/** The test application and a client of quarkus-amazon-lambda's mock Runtime API. */
public final class Lambda {

    static final int PORT = 8083;

    private Lambda() {
    }

    public static QuarkusUnitTest app() {
        return new QuarkusUnitTest()
                .withApplicationRoot(jar -> jar.addClasses(LambdaFunctions.class, Recorded.class, Signup.class,
                        Lambda.class, AwsEvents.class))
                .overrideConfigKey("quarkus.http.test-port", "0")
                .overrideConfigKey("quarkus.lambda.mock-event-server.test-port", String.valueOf(PORT))
                .overrideConfigKey("eventloom.lambda.direct-function", "greet")
                .overrideConfigKey("eventloom.lambda.sources", String.join(",",
                        "signups=" + AwsEvents.SIGNUPS,
                        "orders=" + AwsEvents.ORDERS,
                        "slow=" + AwsEvents.SLOW,
                        "limited=" + AwsEvents.LIMITED,
                        "retried=arn:aws:sqs:eu-west-1:123456789012:retried",
                        "clicks=" + AwsEvents.CLICKS,
                        "accounts=" + AwsEvents.ACCOUNTS_TABLE,
                        "alerts=" + AwsEvents.ALERTS,
                        "nightly=" + AwsEvents.NIGHTLY_RULE,
                        "payments=payments"));
    }

    /** One invocation through the Runtime API: 200 with the handler's response, or 500 with the function error. */
    public static Response invoke(String event) {
        Response response = given().port(PORT).contentType("application/json").body(event).post("/_lambda_");
        // The Runtime API passes the handler's bytes on without a JSON content type; they are JSON.
        return new ResponseBuilder().clone(response).setContentType("application/json").build();
    }
}
