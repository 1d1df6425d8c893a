package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import io.cloudevents.CloudEvent;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.specification.RequestSpecification;

/** Replies that cannot go back to the caller (fan-out, batches) are POSTed to the sink as CloudEvents. */
class RepliesToSinkTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Person.class, Greeting.class, TestSink.class))
            .overrideConfigKey("eventloom.sink.url", "http://localhost:${quarkus.http.test-port:8081}/test-sink/events");

    public static class Functions {

        @Funq
        @Trigger(type = "test.order")
        @Reply(type = "test.invoiced")
        public Greeting invoice(Person person) {
            return new Greeting("invoice for " + person.name());
        }

        @Funq
        @Trigger(prefix = "type=test.")
        @Reply(type = "test.audited")
        public Greeting audit(Person person) {
            if ("Mallory".equals(person.name())) {
                throw new IllegalArgumentException("audit refused " + person.name());
            }
            return new Greeting("audited " + person.name());
        }

        @Funq
        @Trigger(type = "test.order")
        public void silent(Person person) {
        }

        @Funq
        @Trigger(type = "test.redirected")
        @Reply(type = "test.redirected.reply")
        public Greeting redirected(Person person) {
            return new Greeting("sent elsewhere");
        }

        @Funq
        @Trigger(type = "test.refused")
        @Reply(type = "test.refused.reply")
        public Greeting refused(Person person) {
            return new Greeting("nobody wants this");
        }
    }

    @Inject
    TestSink sink;

    @BeforeEach
    void clear() {
        sink.received().clear();
    }

    static RequestSpecification event(String id, String type, String name) {
        return given().header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/tests")
                .header("ce-type", type).contentType("application/json").body("{\"name\":\"" + name + "\"}");
    }

    @Test
    void fanOutDeliversToEachFunctionAndSendsEveryReplyToTheSink() {
        event("o-1", "test.order", "Ada").post("/").then().statusCode(202);
        List<CloudEvent> replies = sink.received().stream().sorted((a, b) -> a.getType().compareTo(b.getType())).toList();
        assertEquals(List.of("test.audited", "test.invoiced"), replies.stream().map(CloudEvent::getType).toList());
        for (CloudEvent reply : replies) {
            assertEquals("o-1", reply.getExtension("causationid"));
            assertNotEquals("o-1", reply.getId());
        }
        assertEquals("urn:eventloom:function:invoice", replies.get(1).getSource().toString());
        assertEquals("{\"message\":\"invoice for Ada\"}", new String(replies.get(1).getData().toBytes()));
    }

    @Test
    void oneFailingFunctionOfAFanOutFailsTheRequestNamingItWhileTheOthersDeliver() {
        event("o-2", "test.order", "Mallory").post("/").then().statusCode(500)
                .body("failures.function", equalTo(List.of("audit")))
                .body("failures[0].detail", startsWith("Function 'audit' failed on event o-2; the log line [EVL-0500] with error id "));
        assertEquals(List.of("test.invoiced"), sink.received().stream().map(CloudEvent::getType).toList());
    }

    @Test
    void aBatchSendsItsRepliesToTheSink() {
        given().contentType("application/cloudevents-batch+json")
                .body("""
                        [{"specversion":"1.0","id":"b-1","source":"/t","type":"test.audit","data":{"name":"A"}},
                         {"specversion":"1.0","id":"b-2","source":"/t","type":"test.audit","data":{"name":"B"}}]
                        """)
                .post("/").then().statusCode(202);
        assertEquals(List.of("b-1", "b-2"), sink.received().stream().map(e -> (String) e.getExtension("causationid")).sorted().toList());
    }

    @Test
    void aSingleMatchStillAnswersInTheResponseAndNotTheSink() {
        event("a-1", "test.audit", "Ada").post("/").then().statusCode(200).header("ce-type", "test.audited");
        assertEquals(List.of(), sink.received());
    }

    @Test
    void aSinkThatRefusesAReplyMakesTheRequestFailWith502SoItIsRetried() {
        event("r-1", "test.refused", "Ada").post("/").then().statusCode(502)
                .body("failures.function", equalTo(List.of("refused")))
                .body("failures[0].detail", allOf(
                        startsWith("The sink http://localhost:" + io.restassured.RestAssured.port + "/test-sink/events refused reply "),
                        endsWith(" with HTTP 503")));
        assertEquals(List.of("test.audited"), sink.received().stream().map(CloudEvent::getType).toList());
    }

    @Test
    void aSinkThatRedirectsIsAFailedDeliveryAndTheRedirectIsNotFollowed() {
        event("d-1", "test.redirected", "Ada").post("/").then().statusCode(502)
                .body("failures.function", equalTo(List.of("redirected")))
                .body("failures[0].detail", containsString("with a redirect (HTTP 303), which is not followed"));
        assertEquals(0, sink.redirectedTo());
    }
}
