package dev.eventloom.examples.greeting;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class GreetingFunctionsTest {

    @Test
    void helloAnswersPlainJson() {
        given().contentType("application/json").body("{\"name\":\"Ada\"}")
                .post("/hello")
                .then().statusCode(200).body("message", equalTo("Hello Ada"));
    }

    @Test
    void aGreetingRequestEventIsAnsweredWithAGreetingSentEvent() {
        given().header("ce-specversion", "1.0").header("ce-id", "req-1").header("ce-source", "/tests")
                .header("ce-type", "dev.eventloom.greeting.requested").header("ce-subject", "Paris")
                .contentType("application/json").body("{\"name\":\"Ada\"}")
                .post("/")
                .then().statusCode(200)
                .header("ce-type", "dev.eventloom.greeting.sent")
                .header("ce-source", "urn:eventloom:function:greet")
                .header("ce-causationid", "req-1")
                .body("message", equalTo("Hello from Paris, Ada"));
    }

    @Test
    void signingEventsFillTheGuestbook() {
        given().contentType("application/cloudevents+json")
                .body("""
                        {"specversion":"1.0","id":"sig-1","source":"/tests","type":"dev.eventloom.guestbook.signed",
                         "subject":"front desk","data":{"name":"Grace"}}
                        """)
                .post("/")
                .then().statusCode(202);
        given().get("/guestbook").then().statusCode(200).body("$", hasItem("Grace (front desk)"));
    }

    @Test
    void goldTierRequestsAlsoReachTheVipWelcome() {
        given().header("ce-specversion", "1.0").header("ce-id", "vip-1").header("ce-source", "/tests")
                .header("ce-type", "dev.eventloom.greeting.requested").header("ce-tier", "gold")
                .contentType("application/json").body("{\"name\":\"Barbara\"}")
                .post("/")
                .then().statusCode(202);
        given().get("/guestbook").then().statusCode(200).body("$", hasItem("BARBARA (VIP)"));
    }

    @Test
    void otherTiersDoNot() {
        given().header("ce-specversion", "1.0").header("ce-id", "vip-2").header("ce-source", "/tests")
                .header("ce-type", "dev.eventloom.greeting.requested").header("ce-tier", "silver")
                .contentType("application/json").body("{\"name\":\"Linus\"}")
                .post("/")
                .then().statusCode(200);
        given().get("/guestbook").then().statusCode(200).body("$", not(hasItem("LINUS (VIP)")));
    }

    @Test
    void healthEndpointsAnswerForKnativeProbes() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }
}
