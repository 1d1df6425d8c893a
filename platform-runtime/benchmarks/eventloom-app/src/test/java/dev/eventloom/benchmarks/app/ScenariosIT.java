package dev.eventloom.benchmarks.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** Checks that every endpoint the load benchmarks measure answers the greeting contract in the packaged application. */
@QuarkusIntegrationTest
class ScenariosIT {

    private static final String HELLO = "{\"message\":\"Hello x\"}";

    @Test
    void everyScenarioAnswersTheGreetingContract() {
        for (String path : new String[] { "/hello", "/hello-uni", "/hello-blocking", "/hello-ordered", "/hello-virtual",
                "/floor/hello" }) {
            given().contentType("application/json").body("{\"name\":\"x\"}").post(path).then().statusCode(200)
                    .body(equalTo(HELLO));
        }
        given().contentType("application/json").header("ce-specversion", "1.0").header("ce-id", "t-1")
                .header("ce-source", "/scenarios").header("ce-type", "bench.greet").body("{\"name\":\"x\"}")
                .post("/").then().statusCode(200).body(equalTo(HELLO));
        given().contentType("application/json").body("1").post("/burn").then().statusCode(200);
    }
}
