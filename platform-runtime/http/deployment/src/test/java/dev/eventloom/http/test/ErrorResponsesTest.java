package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Delivery;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import io.smallrye.mutiny.Uni;

/** Each error has its status and a problem+json body that says what to fix; none affects the next request. */
class ErrorResponsesTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Person.class, Greeting.class, Recorded.class))
            .overrideConfigKey("eventloom.http.max-body-size", "1K");

    public static class Functions {

        @Inject
        Recorded recorded;

        @Funq
        @Trigger(type = "test.hello")
        public Greeting hello(Person person) {
            recorded.add(person.name());
            return new Greeting("Hello " + person.name());
        }

        @Funq
        public dev.eventloom.CloudEvent<String> unwritable() {
            return dev.eventloom.CloudEvent.of("x").withSubject("line\r\nbreak");
        }

        @Funq
        public int twice(int number) {
            return 2 * number;
        }

        @Funq
        public String fail(Person person) {
            throw new IllegalStateException("no greeting for " + person.name());
        }

        @Funq
        @Delivery(timeout = "200ms")
        public String slow() throws InterruptedException {
            SLOW_RELEASE.await(60, java.util.concurrent.TimeUnit.SECONDS);
            return "late";
        }

        @Funq
        @Delivery(timeout = "PT0.2S")
        public Uni<String> never() {
            return Uni.createFrom().nothing();
        }
    }

    @Inject
    Recorded recorded;

    @BeforeEach
    void clear() {
        recorded.clear();
    }

    static RequestSpecification event(String id, String type) {
        return given().header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/tests")
                .header("ce-type", type);
    }

    @Test
    void aCloudEventMissingARequiredAttributeIs400() {
        given().header("ce-specversion", "1.0").header("ce-source", "/tests").header("ce-type", "test.hello")
                .contentType("application/json").body("{\"name\":\"x\"}")
                .post("/")
                .then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("title", equalTo("Bad Request"))
                .body("detail", startsWith("The request is not a valid CloudEvent"))
                .body("detail", containsString("id"));
        given().contentType("application/cloudevents+json").body("{\"specversion\":\"1.0\",\"id\":\"1\",\"type\":\"t\"}")
                .post("/")
                .then().statusCode(400).body("detail", containsString("source"));
    }

    @Test
    void emptyAttributesAndTimestampsWithoutSecondsAre400() {
        given().header("ce-specversion", "1.0").header("ce-id", "").header("ce-source", "/tests")
                .header("ce-type", "test.hello").contentType("application/json").body("{\"name\":\"x\"}")
                .post("/")
                .then().statusCode(400).body("detail", equalTo("Invalid CloudEvent: 'id' must not be empty"));
        event("t-1", "test.hello").header("ce-time", "2026-01-01T10:00Z").contentType("application/json")
                .body("{\"name\":\"x\"}").post("/")
                .then().statusCode(400).body("detail", startsWith("Invalid CloudEvent: 'time' must be an RFC 3339 timestamp"));
        assertEquals(List.of(), recorded.entries());
    }

    @Test
    void aStructuredFormatOtherThanJsonIs415() {
        given().contentType("application/cloudevents+xml").body("<event/>").post("/")
                .then().statusCode(415).body("detail", startsWith("The event format application/cloudevents+xml is not supported"));
    }

    @Test
    void anUnknownSpecVersionIs400() {
        given().header("ce-specversion", "0.1").header("ce-id", "v-1").header("ce-source", "/tests")
                .header("ce-type", "test.hello").contentType("application/json").body("{}")
                .post("/")
                .then().statusCode(400).body("detail", startsWith("The request is not a valid CloudEvent"));
    }

    @Test
    void jsonThatDoesNotBindIs400NamingTheProblem() {
        given().contentType("application/json").body("{\"name\":").post("/hello")
                .then().statusCode(400)
                .body("detail", containsString("Function 'hello' cannot take event"))
                .body("detail", containsString("does not bind to Person"))
                .body("function", equalTo("hello"));
        event("j-1", "test.hello").contentType("application/json").body("{\"name\":{\"first\":\"x\"}}").post("/")
                .then().statusCode(400)
                .body("eventId", equalTo("j-1"))
                .body("detail", containsString("does not bind to Person"));
        given().contentType("application/json").post("/twice")
                .then().statusCode(400).body("detail", containsString("has no data, and the function needs a number"));
    }

    @Test
    void aQueryThatDoesNotDescribeOneObjectIs400BeforeTheFunctionRuns() {
        for (String query : List.of(".=1", "...=1", "%2e=1", "a..b=1", "name=x&name.first=y",
                String.join(".", java.util.Collections.nCopies(1000, "a")) + "=1")) {
            given().urlEncodingEnabled(false).get("/hello?" + query)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("detail", startsWith("The query parameter"));
        }
        given().get("/hello?name=Ada").then().statusCode(200);
    }

    @Test
    void plainJsonPostedToRootIs400AndOtherMediaTypes415() {
        given().contentType("application/json").body("{\"name\":\"x\"}").post("/")
                .then().statusCode(400)
                .body("detail", containsString("POST / takes CloudEvents, and this request has no ce-specversion header"));
        given().contentType("text/xml").body("<name/>").post("/")
                .then().statusCode(415).body("detail", startsWith("POST / takes CloudEvents, not text/xml"));
    }

    @Test
    void dataOfATypeAJsonFunctionCannotReadIs415() {
        given().contentType("application/xml").body("<person/>").post("/hello")
                .then().statusCode(415).contentType("application/problem+json")
                .body("detail", containsString("reads JSON but event"))
                .body("detail", not(containsString("dev.eventloom")))
                .body("detail", containsString("carries application/xml"));
    }

    @Test
    void anUnknownFunctionIs404WithoutTheListOfFunctionsOutsideDevMode() {
        given().contentType("application/json").body("{}").post("/nope")
                .then().statusCode(404)
                .body("detail", equalTo("There is no function named 'nope'"));
    }

    @Test
    void aFunctionPathIsMatchedAfterPercentDecodingAndWithATrailingSlash() {
        given().urlEncodingEnabled(false).contentType("application/json").body("{\"name\":\"x\"}").post("/hel%6Co")
                .then().statusCode(200).body("message", equalTo("Hello x"));
        given().contentType("application/json").body("{\"name\":\"y\"}").post("/hello/")
                .then().statusCode(200).body("message", equalTo("Hello y"));
    }

    @Test
    void anEventNoTriggerMatchesIs404() {
        event("n-1", "test.unknown").contentType("application/json").body("{}").post("/")
                .then().statusCode(404)
                .body("detail", startsWith("No trigger matches event n-1 (type 'test.unknown', source '/tests')"));
    }

    @Test
    void otherMethodsAre405WithAllow() {
        given().put("/hello").then().statusCode(405).header("Allow", "GET, POST").contentType("application/problem+json");
        given().get("/").then().statusCode(405).header("Allow", "POST");
    }

    @Test
    void aBodyOverTheLimitIs413() {
        String big = "{\"name\":\"" + "x".repeat(2048) + "\"}";
        given().contentType("application/json").body(big).post("/hello")
                .then().statusCode(413)
                .body("detail", containsString("raise eventloom.http.max-body-size"));
        assertEquals(List.of(), recorded.entries());
    }

    @Test
    void aBodyReadInSeveralChunksArrivesWhole() throws Exception {
        String answer = postInChunks(List.of("{\"na", "me\":\"Chunk", "ed\"}"), 50);
        assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
        assertTrue(answer.contains("Hello Chunked"), answer);
        assertEquals(List.of("Chunked"), recorded.entries());
    }

    @Test
    void aChunkedBodyOverTheLimitIs413() throws Exception {
        String answer = postInChunks(List.of("{\"name\":\"" + "x".repeat(600), "x".repeat(600) + "\"}"), 0);
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("raise eventloom.http.max-body-size"), answer);
        assertEquals(List.of(), recorded.entries());
    }

    /** {@code POST /hello} with a chunked body, each piece flushed on its own after {@code pauseMillis}. */
    private static String postInChunks(List<String> pieces, long pauseMillis) throws Exception {
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            StringBuilder request = new StringBuilder("POST /hello HTTP/1.1\r\nHost: localhost\r\n"
                    + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
            for (String piece : pieces) {
                request.append(Integer.toHexString(piece.length())).append("\r\n").append(piece).append("\r\n");
                if (pauseMillis > 0) {
                    out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    request.setLength(0);
                    Thread.sleep(pauseMillis);
                }
            }
            out.write(request.append("0\r\n\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void aFailingFunctionIs500WithTheErrorIdOfItsLogLineAndNoInternals() {
        List<java.util.logging.LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("dev.eventloom.core.runtime.EventDispatcher");
        logger.addHandler(handler);
        String body;
        try {
            body = given().contentType("application/json").body("{\"name\":\"Ada\"}").post("/fail")
                .then().statusCode(500).contentType("application/problem+json")
                .body("detail", startsWith("Function 'fail' failed on event "))
                .body("errorType", nullValue())
                .extract().asString();
        } finally {
            logger.removeHandler(handler);
        }
        assertTrue(!body.contains("\tat ") && !body.contains("ErrorResponsesTest") && !body.contains("IllegalState")
                && !body.contains("no greeting"), body);
        String errorId = io.restassured.path.json.JsonPath.from(body).getString("errorId");
        assertTrue(body.contains("the log line [EVL-0500] with error id " + errorId + " has the cause"), body);
        assertTrue(logged.stream().anyMatch(record -> record.getMessage().startsWith("[EVL-0500]")
                && record.getMessage().contains("error id " + errorId + ": java.lang.IllegalStateException: no greeting")),
                "the log line [EVL-0500] has the cause and error id " + errorId);
    }

    @Test
    void aReplyAttributeWithALineBreakIsPercentEncodedNotFoldedOrRefused() {
        event("w-1", "test.any").post("/unwritable").then().statusCode(200)
                .header("ce-subject", equalTo("line%0D%0Abreak"));
        // plain data is answered with the reply's data alone: the subject goes nowhere
        given().post("/unwritable").then().statusCode(200).header("ce-subject", nullValue()).body(equalTo("\"x\""));
    }

    /** Holds {@code slow} until its caller has been answered. */
    static final java.util.concurrent.CountDownLatch SLOW_RELEASE = new java.util.concurrent.CountDownLatch(1);

    @Test
    void aFunctionPastItsTimeoutIs504AndTheProcessKeepsServing() {
        try {
            given().post("/slow").then().statusCode(504)
                    .body("detail", containsString("Function 'slow' did not finish event"))
                    .body("detail", containsString("within its timeout of 200 ms"));
            assertEquals(1, SLOW_RELEASE.getCount(), "answered while the function is still held, not when it ended");
        } finally {
            SLOW_RELEASE.countDown();
        }
        given().get("/never").then().statusCode(504).body("function", equalTo("never"));
        given().contentType("application/json").body("{\"name\":\"Ada\"}").post("/hello")
                .then().statusCode(200).body("message", equalTo("Hello Ada"));
    }

    @Test
    void aBatchWithAnInvalidEventIsRefusedWhole() {
        given().contentType("application/cloudevents-batch+json")
                .body("""
                        [{"specversion":"1.0","id":"b-1","source":"/t","type":"test.hello","data":{"name":"A"}},
                         {"specversion":"1.0","id":"b-2","type":"test.hello","data":{"name":"B"}}]
                        """)
                .post("/")
                .then().statusCode(400)
                .body("detail", startsWith("The batch was not processed, 1 of its 2 events are invalid: event #1"));
        given().contentType("application/cloudevents-batch+json").body("{\"not\":\"an array\"}").post("/")
                .then().statusCode(400).body("detail", containsString("JSON array"));
        assertEquals(List.of(), recorded.entries());
    }

    @Test
    void aBatchReportsTheEventsNoTriggerMatches() {
        given().contentType("application/cloudevents-batch+json")
                .body("""
                        [{"specversion":"1.0","id":"b-3","source":"/t","type":"test.hello","data":{"name":"A"}},
                         {"specversion":"1.0","id":"b-4","source":"/t","type":"test.nobody","data":{"name":"B"}}]
                        """)
                .post("/")
                .then().statusCode(404)
                .body("failures.eventId", equalTo(List.of("b-4")))
                .body("detail", equalTo("1 of 2 deliveries failed (listed under failures); the others succeeded"));
        assertEquals(List.of("A"), recorded.entries());
    }

    @Test
    void errorsNeverLeakInternalClassesOfThePlatform() {
        given().contentType("application/json").body("{\"name\":\"Ada\"}").post("/fail")
                .then().body(not(containsString("dev.eventloom.core")));
    }
}
