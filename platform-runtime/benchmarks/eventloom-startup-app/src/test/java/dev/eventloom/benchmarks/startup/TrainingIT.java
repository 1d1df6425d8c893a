package dev.eventloom.benchmarks.startup;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * Sends the packaged application the requests the startup benchmark sends, so the JDK's AOT cache the build records
 * ({@code quarkus.package.jar.aot.enabled}) holds the classes and profiles of real invocations; and checks the answer.
 */
@QuarkusIntegrationTest
class TrainingIT {

    @Test
    void helloAnswersTheGreetingContract() {
        for (int i = 0; i < 200; i++) {
            given().contentType("application/json").body("{\"name\":\"x" + i + "\"}").post("/hello").then()
                    .statusCode(200).body(equalTo("{\"message\":\"Hello x" + i + "\"}"));
        }
    }
}
