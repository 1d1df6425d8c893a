package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * One {@code application.properties} serves builds with and without a binding: this application has the HTTP binding
 * only, and the Lambda and messaging settings beside it are ignored with one INFO line each, not an unknown-property
 * error.
 */
class AbsentBindingSettingsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .overrideConfigKey("eventloom.lambda.sources", "signups=arn:aws:sqs:eu-west-1:123456789012:signups")
            .overrideConfigKey("eventloom.messaging.incoming", "orders")
            .setLogRecordPredicate(record -> record.getMessage() != null && record.getMessage().contains("EVL-0004"))
            .assertLogRecords(records -> {
                assertEquals(2, records.size(), records.toString());
                String lines = records.stream().map(r -> String.format(r.getMessage().replace("%s", "%s"),
                        r.getParameters())).toList().toString();
                assertTrue(lines.contains("[eventloom.lambda.sources] are ignored: this application has no AWS Lambda "
                        + "binding (add the dependency dev.eventloom:eventloom-lambda"), lines);
                assertTrue(lines.contains("[eventloom.messaging.incoming] are ignored"), lines);
            });

    public static class Functions {

        @Funq
        public String hello(String name) {
            return "hello " + name;
        }
    }

    @Test
    void theApplicationStartsAndServes() {
        given().contentType("application/json").body("\"Ada\"").post("/hello").then().statusCode(200)
                .body(equalTo("\"hello Ada\""));
    }
}
