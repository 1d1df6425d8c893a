package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.nio.charset.StandardCharsets;
import java.util.Collections;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * The server's limits answer with problem+json before any route or function, and {@code eventloom.http.max-body-size}
 * is the one body limit (here raised above Quarkus's default of 10 MB).
 */
class ServerLimitsTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class))
            .overrideConfigKey("eventloom.http.max-body-size", "12M");

    public static class Functions {

        @Funq
        public int length(String text) {
            return text.length();
        }

        @Funq
        public String name(Named named) {
            return named.name();
        }
    }

    public record Named(String name) {
    }

    @Test
    void aBodyAboveQuarkusDefaultLimitButWithinEventloomLimitIsServed() {
        String text = "x".repeat(11 * 1024 * 1024);
        given().contentType("text/plain").body(text).post("/length").then().statusCode(200)
                .body(equalTo(String.valueOf(text.length())));
    }

    @Test
    void aDeclaredBodyOverTheLimitIs413ProblemJsonAndTheConnectionClosed() throws Exception {
        // The body is never read: the answer comes after the headers alone, then the server closes the connection
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.getOutputStream().write(("POST /length HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Content-Length: " + (12 * 1024 * 1024 + 1) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            org.junit.jupiter.api.Assertions.assertTrue(answer.startsWith("HTTP/1.1 413 ")
                    && answer.contains("application/problem+json") && answer.contains("eventloom.http.max-body-size"),
                    answer);
        }
    }

    @Test
    void aLongRequestTargetIs414ProblemJson() {
        given().get("/name?name=" + "a".repeat(9000)).then().statusCode(414).contentType("application/problem+json")
                .body("type", equalTo("urn:eventloom:problem:request-uri-too-long"));
    }

    @Test
    void largeHeadersAre431ProblemJson() {
        given().header("X-Large", "a".repeat(21 * 1024)).get("/name?name=x")
                .then().statusCode(431).contentType("application/problem+json");
    }

    @Test
    void aCompressedBodyIs415ProblemJson() {
        given().header("Content-Encoding", "gzip").contentType("application/json").body(new byte[] { 31, -117, 8, 0 })
                .post("/name").then().statusCode(415).contentType("application/problem+json")
                .body("detail", startsWith("The request body is encoded with gzip"));
    }

    @Test
    void pathsNoRouteServesAre404ProblemJson() {
        given().get("/name/x").then().statusCode(404).contentType("application/problem+json")
                .body("detail", startsWith("Nothing is served at '/name/x'"));
    }

    @Test
    void aStructuredEventNestedTooDeepIs400WithoutInternalNames() {
        String deep = String.join("", Collections.nCopies(300, "[")) + String.join("", Collections.nCopies(300, "]"));
        given().contentType("application/cloudevents+json")
                .body("{\"specversion\":\"1.0\",\"id\":\"d-1\",\"source\":\"/t\",\"type\":\"t\",\"data\":" + deep + "}")
                .post("/").then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("nesting depth"))
                .body("detail", not(containsString("StreamReadConstraints")))
                .body("detail", not(containsString("com.fasterxml")));
    }
}
