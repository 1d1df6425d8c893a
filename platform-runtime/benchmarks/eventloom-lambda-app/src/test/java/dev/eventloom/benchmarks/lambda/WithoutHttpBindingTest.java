package dev.eventloom.benchmarks.lambda;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.ResponseBuilder;
import io.restassured.response.Response;

/**
 * This application has the Lambda binding without the HTTP binding (the benchmark's point: no Vert.x at all at cold
 * start). Direct invocations work; an HTTP-style event is refused with an error that says what to add.
 */
@QuarkusTest
class WithoutHttpBindingTest {

    private static final String HTTP_API_EVENT = """
            {"version":"2.0","routeKey":"POST /greet","rawPath":"/greet","rawQueryString":"",
             "headers":{"content-type":"application/json"},
             "requestContext":{"http":{"method":"POST","path":"/greet","protocol":"HTTP/1.1","sourceIp":"192.0.2.1",
               "userAgent":"test"},"requestId":"r-1","routeKey":"POST /greet","stage":"$default",
               "accountId":"123456789012","apiId":"api","domainName":"api.example.com","domainPrefix":"api",
               "time":"27/Nov/2026:06:00:00 +0000","timeEpoch":1795759200000},
             "body":"{\\"name\\":\\"x\\"}","isBase64Encoded":false}""";

    private static Response invoke(String event) {
        Response response = given().port(8083).contentType("application/json").body(event).post("/_lambda_");
        // The mock Runtime API passes the handler's bytes on without a JSON content type; they are JSON.
        return new ResponseBuilder().clone(response).setContentType("application/json").build();
    }

    @Test
    void aDirectInvocationIsServed() {
        invoke("{\"name\":\"x\"}").then().statusCode(200).body("message", equalTo("Hello x"));
    }

    @Test
    void anHttpStyleEventSaysToAddTheHttpBindingAndPollingGoesOn() {
        invoke(HTTP_API_EVENT).then().statusCode(500)
                .body("errorType", equalTo("dev.eventloom.lambda.runtime.LambdaFunctionError"))
                .body("errorMessage", containsString("[HttpBindingMissing]"))
                .body("errorMessage", containsString("dev.eventloom:eventloom-http"));
        invoke("{\"name\":\"y\"}").then().statusCode(200).body("message", equalTo("Hello y"));
    }
}
