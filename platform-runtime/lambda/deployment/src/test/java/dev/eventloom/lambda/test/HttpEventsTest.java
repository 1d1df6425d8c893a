package dev.eventloom.lambda.test;

import static dev.eventloom.lambda.test.AwsEvents.person;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.test.QuarkusUnitTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** API Gateway, ALB and Function URL events follow the HTTP binding's contract and answer proxy responses. */
class HttpEventsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = Lambda.app();

    private static JsonObject json() {
        return new JsonObject().put("Content-Type", new JsonArray().add("application/json"));
    }

    @Test
    void restApiPostToAFunctionAnswersItsResult() {
        Lambda.invoke(AwsEvents.apiGatewayV1("POST", "/greet", json(), person("ann")).encode())
                .then().statusCode(200)
                .body("statusCode", equalTo(200))
                .body("multiValueHeaders.content-type", hasItem(startsWith("application/json")))
                .body("body", equalTo("\"Hello ann\""))
                .body("isBase64Encoded", equalTo(false));
    }

    @Test
    void restApiBinaryCloudEventIsRoutedByTriggerAndAnsweredInBinaryMode() {
        JsonObject headers = json()
                .put("ce-specversion", new JsonArray().add("1.0"))
                .put("ce-id", new JsonArray().add("e-1"))
                .put("ce-source", new JsonArray().add("/web"))
                .put("ce-type", new JsonArray().add("test.greet"));
        Lambda.invoke(AwsEvents.apiGatewayV1("POST", "/", headers, person("bob")).encode())
                .then().statusCode(200)
                .body("statusCode", equalTo(200))
                .body("multiValueHeaders.ce-type", hasItem("test.greeting"))
                .body("body", equalTo("\"Hello bob\""));
    }

    @Test
    void anUnknownFunctionIsAProblemJson404() {
        String body = Lambda.invoke(AwsEvents.apiGatewayV1("POST", "/nope", json(), "{}").encode())
                .then().statusCode(200)
                .body("statusCode", equalTo(404))
                .body("multiValueHeaders.content-type", hasItem("application/problem+json"))
                .extract().path("body");
        JsonPath problem = JsonPath.from(body);
        org.junit.jupiter.api.Assertions.assertEquals(404, problem.getInt("status"));
        org.junit.jupiter.api.Assertions.assertEquals("There is no function named 'nope'", problem.getString("detail"),
                "outside dev mode a 404 does not list the application's functions");
    }

    @Test
    void httpApiStripsTheStageAndAnswersSingleValueHeaders() {
        Lambda.invoke(AwsEvents.apiGatewayV2("POST", "/prod/greet", "prod",
                new JsonObject().put("content-type", "application/json"), person("cy")).encode())
                .then().statusCode(200)
                .body("statusCode", equalTo(200))
                .body("headers.content-type", startsWith("application/json"))
                .body("multiValueHeaders", nullValue())
                .body("body", equalTo("\"Hello cy\""));
    }

    @Test
    void functionUrlInvalidJsonIsA400() {
        Lambda.invoke(AwsEvents.apiGatewayV2("POST", "/greet", "$default",
                new JsonObject().put("content-type", "application/json"), "{not json").encode())
                .then().statusCode(200)
                .body("statusCode", equalTo(400))
                .body("headers.content-type", equalTo("application/problem+json"));
    }

    @Test
    void albMultiValueRequestsGetMultiValueResponsesWithAStatusDescription() {
        Lambda.invoke(AwsEvents.alb("POST", "/greet", json(), person("dee")).encode())
                .then().statusCode(200)
                .body("statusCode", equalTo(200))
                .body("statusDescription", equalTo("200 OK"))
                .body("multiValueHeaders.content-type", hasItem(startsWith("application/json")))
                .body("body", equalTo("\"Hello dee\""));
    }

    @Test
    void binaryResponsesAreBase64Encoded() {
        String body = Lambda.invoke(AwsEvents.apiGatewayV2("GET", "/bytes", "$default", new JsonObject(), null).encode())
                .then().statusCode(200)
                .body("statusCode", equalTo(200))
                .body("isBase64Encoded", equalTo(true))
                .extract().path("body");
        org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] { 0, 1, 2, (byte) 0xff },
                Base64.getDecoder().decode(body));
    }

    @Test
    void theLambdaContextAndTheOriginalEventReachTheFunction() {
        String body = Lambda.invoke(AwsEvents.apiGatewayV2("GET", "/lambda", "$default", new JsonObject(), null)
                .encode()).then().statusCode(200).body("statusCode", equalTo(200)).extract().path("body");
        String[] parts = JsonPath.from(body).getString("$").split("\\|");
        org.junit.jupiter.api.Assertions.assertFalse(parts[0].isBlank() || parts[0].equals("no lambda context"),
                "request id: " + body);
        org.junit.jupiter.api.Assertions.assertEquals("true", parts[1], "the API Gateway event is reachable");
    }

    @Test
    void aMissingMethodIsAnInvalidEvent() {
        JsonObject event = AwsEvents.apiGatewayV1("POST", "/greet", json(), "{}");
        event.remove("httpMethod");
        event.getJsonObject("requestContext").remove("httpMethod");
        event.getJsonObject("requestContext").put("elb", new JsonObject());
        Lambda.invoke(event.encode()).then().statusCode(500).body("errorMessage", containsString("HTTP method"));
    }
}
