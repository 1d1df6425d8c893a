package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.EventContext;
import dev.eventloom.Reply;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.test.QuarkusUnitTest;

/**
 * Attribute values in {@code ce-} headers are percent-encoded as the CloudEvents HTTP binding (section 3.1.3.2) says:
 * decoded on the way in, encoded on the way out, so any value travels byte for byte and no header is folded.
 */
class HeaderEncodingTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class));

    public static class Functions {

        @Funq
        @Reply(type = "test.echoed")
        public String echo(String data, @Context EventContext event) {
            return event.subject();
        }
    }

    @Test
    void aPercentEncodedAttributeReachesTheFunctionDecoded() {
        given().header("ce-specversion", "1.0").header("ce-id", "e-1").header("ce-source", "/t")
                .header("ce-type", "test.echo").header("ce-subject", "caf%C3%A9%20au%20lait%25")
                .contentType("text/plain; charset=utf-8").body("x")
                .post("/echo").then().statusCode(200).header("ce-causationid", equalTo("e-1"))
                .body(equalTo("\"café au lait%\""));
    }

    @Test
    void aPercentSignNotFollowedByHexDigitsIsKeptAsItIs() {
        given().header("ce-specversion", "1.0").header("ce-id", "e-2").header("ce-source", "/t")
                .header("ce-type", "test.echo").header("ce-subject", "100%")
                .contentType("text/plain").body("x")
                .post("/echo").then().statusCode(200).body(equalTo("\"100%\""));
    }

    @Test
    void replyAttributesArePercentEncodedAndKeepTheCausingIdByteForByte() {
        given().contentType("application/cloudevents+json")
                .body(("{\"specversion\":\"1.0\",\"id\":\"snow\u2603man\\r\\n x\\\"%\",\"source\":\"/t\",\"type\":\"test.echo\","
                        + "\"subject\":\"s\",\"datacontenttype\":\"text/plain\",\"data\":\"x\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .post("/echo").then().statusCode(200)
                .header("ce-causationid", equalTo("snow%E2%98%83man%0D%0A%20x%22%25"))
                .header("ce-type", equalTo("test.echoed"));
    }

    @Test
    void theCloudeventsSdkAsClientGetsItsIdsBackByteForByte() throws Exception {
        io.vertx.core.Vertx vertx = io.vertx.core.Vertx.vertx();
        try {
            io.vertx.ext.web.client.WebClient client = io.vertx.ext.web.client.WebClient.create(vertx);
            String url = "http://localhost:" + io.restassured.RestAssured.port + "/echo";
            // structured mode carries any id; binary mode as the SDK writes it (it does not percent-encode) one
            // that headers carry as they are
            for (String id : new String[] { "snow\u2603man a\r\n b%", "order 42" }) {
                boolean structured = !id.startsWith("order");
                io.cloudevents.CloudEvent event = io.cloudevents.core.builder.CloudEventBuilder.v1().withId(id)
                        .withSource(java.net.URI.create("/sdk")).withType("test.echo").withSubject("caf\u00e9")
                        .withData("text/plain", "x".getBytes(java.nio.charset.StandardCharsets.UTF_8)).build();
                var writer = io.cloudevents.http.vertx.VertxMessageFactory.createWriter(client.postAbs(url));
                io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> response = (structured
                        ? writer.writeStructured(event, io.cloudevents.jackson.JsonFormat.CONTENT_TYPE)
                        : writer.writeBinary(event)).toCompletionStage().toCompletableFuture()
                        .get(30, java.util.concurrent.TimeUnit.SECONDS);
                org.junit.jupiter.api.Assertions.assertEquals(200, response.statusCode(), response.bodyAsString());
                io.cloudevents.CloudEvent reply = io.cloudevents.http.vertx.VertxMessageFactory.createReader(response)
                        .toEvent();
                // the SDK's reader does not percent-decode: the client decodes as the HTTP binding says
                org.junit.jupiter.api.Assertions.assertEquals(id,
                        dev.eventloom.core.runtime.HeaderValues.decode((String) reply.getExtension("causationid")));
                org.junit.jupiter.api.Assertions.assertEquals("\"caf\u00e9\"",
                        new String(reply.getData().toBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get();
        }
    }
}
