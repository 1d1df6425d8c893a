package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Delivery;
import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.Context;

/** Every function setting can be changed in application.properties without a rebuild. */
class ConfigurationOverridesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Person.class, Greeting.class))
            .overrideConfigKey("eventloom.function.greet.trigger.type", "test.configured")
            .overrideConfigKey("eventloom.function.greet.reply-type", "test.configured.reply")
            .overrideConfigKey("eventloom.function.greet.reply-source", "/configured")
            .overrideConfigKey("eventloom.function.audit.trigger.filters",
                    "[{\"any\": [{\"exact\": {\"type\": \"test.a\"}}, {\"suffix\": {\"type\": \".b\"}}]}]")
            .overrideConfigKey("eventloom.function.patient.timeout", "100ms")
            .overrideConfigKey("eventloom.function.where.dispatch", "event-loop")
            .overrideConfigKey("eventloom.source.shop.ce-source", "/shop/eu,/shop/us")
            .overrideConfigKey("eventloom.function.from-shop.trigger.source", "shop");

    public static class Functions {

        @Funq
        @Trigger(type = "test.annotated")
        @Reply(type = "test.annotated.reply")
        public Greeting greet(Person person) {
            return new Greeting("Hello " + person.name());
        }

        @Funq
        @Trigger(type = "test.never")
        public String audit(Person person) {
            return "audited " + person.name();
        }

        @Funq
        @Delivery(timeout = "10s")
        public String patient() throws InterruptedException {
            Thread.sleep(2_000);
            return "done";
        }

        @Funq
        public String where() {
            return Context.isOnEventLoopThread() ? "event-loop" : "elsewhere";
        }

        @Funq("from-shop")
        public String fromShop(Person person) {
            return "shop order from " + person.name();
        }
    }

    static io.restassured.specification.RequestSpecification event(String type, String source) {
        return given().header("ce-specversion", "1.0").header("ce-id", "1").header("ce-source", source)
                .header("ce-type", type).contentType("application/json").body("{\"name\":\"Ada\"}");
    }

    @Test
    void aConfiguredTriggerReplacesTheAnnotatedOne() {
        event("test.annotated", "/t").post("/").then().statusCode(404);
        event("test.configured", "/t").post("/").then().statusCode(200)
                .header("ce-type", "test.configured.reply")
                .header("ce-source", "/configured");
    }

    @Test
    void configuredFiltersUseTheKnativeDialects() {
        event("test.a", "/t").post("/").then().statusCode(200).body(equalTo("\"audited Ada\""));
        event("test.x.b", "/t").post("/").then().statusCode(200).body(equalTo("\"audited Ada\""));
        event("test.never", "/t").post("/").then().statusCode(404);
    }

    @Test
    void aConfiguredTimeoutReplacesTheAnnotatedOne() {
        given().post("/patient").then().statusCode(504).body("detail", containsString("timeout of 100 ms"));
    }

    @Test
    void aConfiguredDispatchModeReplacesTheDerivedOne() {
        given().post("/where").then().statusCode(200).body(equalTo("\"event-loop\""));
    }

    @Test
    void logicalSourcesAreKnownByTheirCloudeventsSource() {
        event("anything", "/shop/us").post("/").then().statusCode(200).body(equalTo("\"shop order from Ada\""));
        event("anything", "/elsewhere").post("/").then().statusCode(404);
    }
}
