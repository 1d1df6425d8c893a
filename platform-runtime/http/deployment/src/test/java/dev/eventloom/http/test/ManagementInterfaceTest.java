package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Whoever can reach the functions cannot read the metrics: they are on Quarkus's management interface by default, and
 * the function port answers 404 there. Health stays on the function port, where Knative's probes go.
 */
class ManagementInterfaceTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(ManagementPort.class, Functions.class));

    public static class Functions {

        @Funq
        public String echo(String text) {
            return text;
        }
    }

    @Test
    void metricsAreServedOnTheManagementPortOnly() {
        given().contentType("application/json").body("\"hi\"").post("/echo").then().statusCode(200);
        ManagementPort.given().get("/q/metrics").then().statusCode(200)
                .body(containsString("eventloom_function_successes_total{function=\"echo\"}"));
        given().get("/metrics").then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void healthStaysOnTheFunctionPortForKnativeProbes() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
