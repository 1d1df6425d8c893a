package dev.eventloom.http.test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import io.quarkus.builder.Version;
import io.quarkus.funqy.Funq;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * Quarkus's own OTLP exporter, over HTTP/protobuf and a real socket, to a receiver: the spans of a three-function
 * chain arrive with the event's trace id. (The receiver is a route of the application's own server.)
 */
class OtlpExportTest {

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Receiver.class))
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-opentelemetry", Version.getVersion())))
            .overrideConfigKey("quarkus.otel.exporter.otlp.traces.protocol", "http/protobuf")
            .overrideConfigKey("quarkus.otel.exporter.otlp.traces.endpoint",
                    "http://localhost:${quarkus.http.test-port:8081}")
            .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "10ms")
            .overrideConfigKey("quarkus.otel.exporter.otlp.traces.compression", "none");

    /** An OTLP/HTTP trace receiver: keeps the bodies posted to /v1/traces. */
    @Singleton
    public static class Receiver {

        final List<byte[]> bodies = new CopyOnWriteArrayList<>();

        void routes(@Observes Router router) {
            router.post("/v1/traces").handler(BodyHandler.create()).handler(context -> {
                bodies.add(context.body().buffer().getBytes());
                context.response().setStatusCode(200).putHeader("Content-Type", "application/x-protobuf").end();
            });
        }

        boolean received(byte[] bytes) {
            return bodies.stream().anyMatch(body -> indexOf(body, bytes) >= 0);
        }

        private static int indexOf(byte[] body, byte[] part) {
            outer: for (int i = 0; i <= body.length - part.length; i++) {
                for (int j = 0; j < part.length; j++) {
                    if (body[i + j] != part[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }

    public static class Functions {

        @Funq
        @Trigger(type = "otlp.start")
        @Reply(type = "otlp.second")
        public String otlpFirst(String text) {
            return text;
        }

        @Funq
        @Trigger(type = "otlp.second")
        @Reply(type = "otlp.third")
        public String otlpSecond(String text) {
            return text;
        }

        @Funq
        @Trigger(type = "otlp.third")
        public void otlpThird(String text) {
        }
    }

    @Inject
    Receiver receiver;

    @Test
    void theChainsSpansReachAnOtlpReceiver() {
        String traceId = "1af7651916cd43dd8448eb211c80319d";
        given().header("ce-specversion", "1.0").header("ce-id", "o-1").header("ce-source", "/test")
                .header("ce-type", "otlp.start").header("ce-traceparent", "00-" + traceId + "-b7ad6b7169203332-01")
                .contentType("application/json").body("\"go\"").post("/").then().statusCode(200);
        byte[] trace = HexFormat.of().parseHex(traceId);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received(trace)
                && List.of("otlpFirst", "otlpSecond", "otlpThird").stream()
                        .allMatch(name -> receiver.received(name.getBytes(StandardCharsets.UTF_8))));
        assertTrue(receiver.bodies.size() >= 1);
    }
}
