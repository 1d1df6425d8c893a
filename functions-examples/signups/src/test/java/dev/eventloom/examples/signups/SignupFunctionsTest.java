package dev.eventloom.examples.signups;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.eventloom.samples.AwsEvents;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.builder.ResponseBuilder;
import io.restassured.response.Response;

/** The example through quarkus-amazon-lambda's mock Runtime API, and over plain HTTP. */
@QuarkusTest
class SignupFunctionsTest {

    private static Response lambda(String event) {
        Response response = given().port(8083).contentType("application/json").body(event).post("/_lambda_");
        return new ResponseBuilder().clone(response).setContentType("application/json").build();
    }

    @Test
    void queueMessagesRegisterMembersAndOnlyTheInvalidOneIsReported() {
        lambda(SignupEvents.sqs(SignupEvents.signup("Ann@Example.com", "Ann"), SignupEvents.signup("not-an-email", "Bob"),
                SignupEvents.signup("cy@example.com", null)))
                .then().statusCode(200)
                .body("batchItemFailures.itemIdentifier", equalTo(List.of("m-1")));
        lambda(AwsEvents.httpApi("GET", "/members", null))
                .then().statusCode(200)
                .body("statusCode", equalTo(200))
                .body("body", containsString("\"email\":\"ann@example.com\""))
                .body("body", containsString("\"name\":\"cy\""));
    }

    @Test
    void apiGatewayPostsRegisterAndAnswerTheMember() {
        lambda(AwsEvents.httpApi("POST", "/signup", SignupEvents.signup("dee@example.com", "Dee")))
                .then().statusCode(200)
                .body("statusCode", equalTo(200))
                .body("headers.content-type", containsString("application/json"))
                .body("body", equalTo("{\"email\":\"dee@example.com\",\"name\":\"Dee\"}"));
    }

    /** The application's own HTTP port (quarkus-amazon-lambda points RestAssured at the mock Runtime API). */
    @TestHTTPResource("/")
    URL http;

    @Test
    void theSameFunctionsAnswerOverPlainHttp() {
        given().baseUri(http.toString()).contentType("application/json").body(SignupEvents.signup("eve@example.com", "Eve"))
                .post("signup").then().statusCode(200).body("email", equalTo("eve@example.com"));
        given().baseUri(http.toString()).get("members").then().statusCode(200).body("email", hasItem("eve@example.com"));
    }
}
