package dev.eventloom.benchmarks.app;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Exercises the packaged application the way the benchmarks do, so the JDK's AOT cache the build records
 * ({@code quarkus.package.jar.aot.enabled}) holds the classes and profiles of real invocations; it also checks every
 * endpoint answers the greeting contract.
 */
@QuarkusIntegrationTest
class TrainingIT {

    private static final String HELLO = "{\"message\":\"Hello x\"}";

    @Test
    void everyScenarioAnswersTheGreetingContract() {
        for (int i = 0; i < 200; i++) {
            for (String path : new String[] { "/hello", "/hello-uni", "/hello-blocking", "/hello-ordered", "/hello-virtual",
                    "/floor/hello" }) {
                given().contentType("application/json").body("{\"name\":\"x\"}").post(path).then().statusCode(200)
                        .body(equalTo(HELLO));
            }
            given().contentType("application/json").header("ce-specversion", "1.0").header("ce-id", "t-" + i)
                    .header("ce-source", "/training").header("ce-type", "bench.greet").body("{\"name\":\"x\"}")
                    .post("/").then().statusCode(200).body(equalTo(HELLO));
        }
        given().contentType("application/json").body("1").post("/burn").then().statusCode(200);
    }
}
