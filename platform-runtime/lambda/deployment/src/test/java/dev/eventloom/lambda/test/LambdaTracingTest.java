package dev.eventloom.lambda.test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.builder.Version;
import io.quarkus.funqy.Funq;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;
import io.vertx.core.json.JsonObject;

/**
 * On Lambda, a structured CloudEvent in an SQS message keeps its trace: the chain its first function starts (replies
 * routed in process) is one trace under the event's traceparent.
 */
class LambdaTracingTest {

    static final String QUEUE = "arn:aws:sqs:eu-west-1:123456789012:traced";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Exporter.class, Lambda.class, AwsEvents.class))
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-opentelemetry", Version.getVersion())))
            .overrideConfigKey("quarkus.otel.exporter.otlp.enabled", "false")
            .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "10ms")
            .overrideConfigKey("quarkus.http.test-port", "0")
            .overrideConfigKey("quarkus.lambda.mock-event-server.test-port", String.valueOf(Lambda.PORT))
            .overrideConfigKey("eventloom.lambda.sources", "traced=" + QUEUE);

    @ApplicationScoped
    public static class Exporter {

        @Produces
        @Singleton
        InMemorySpanExporter exporter() {
            return InMemorySpanExporter.create();
        }
    }

    public static class Functions {

        @Funq
        @Trigger(type = "lambda.first")
        @Reply(type = "lambda.second")
        public String first(String text) {
            return text + " first";
        }

        @Funq
        @Trigger(type = "lambda.second")
        @Reply(type = "lambda.third")
        public String second(String text) {
            return text + " second";
        }

        @Funq
        @Trigger(type = "lambda.third")
        public void third(String text) {
        }

        @Funq
        @Trigger(type = "com.amazonaws.sqs.message")
        public void plain(String text) {
        }

        @Funq
        @Trigger(type = "com.amazonaws.sns.Notification")
        public void notified(String text) {
        }
    }

    @Inject
    InMemorySpanExporter exporter;

    private static String attribute(SpanData span, String key) {
        Object value = span.getAttributes().get(AttributeKey.stringKey(key));
        return value == null ? null : value.toString();
    }

    @Test
    void aChainStartedFromAnSqsMessageIsOneTrace() {
        String traceId = "5759e988bd862e3fe1be46a994272793";
        String parentId = "53995c3f42cd8ad8";
        String event = new JsonObject().put("specversion", "1.0").put("id", "l-1").put("source", "/test")
                .put("type", "lambda.first").put("traceparent", "00-" + traceId + "-" + parentId + "-01")
                .put("datacontenttype", "application/json").put("data", "go").encode();
        Lambda.invoke(AwsEvents.sqs(QUEUE, event)).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> exporter.getFinishedSpanItems().stream()
                .filter(s -> attribute(s, "eventloom.function") != null).count() >= 3);
        Map<String, SpanData> spans = exporter.getFinishedSpanItems().stream()
                .filter(s -> attribute(s, "eventloom.function") != null)
                .collect(Collectors.toMap(s -> attribute(s, "eventloom.function"), s -> s));
        for (String function : List.of("first", "second", "third")) {
            assertEquals(traceId, spans.get(function).getTraceId(), function);
        }
        assertEquals(parentId, spans.get("first").getParentSpanId());
        assertEquals(spans.get("first").getSpanId(), spans.get("second").getParentSpanId());
        assertEquals(spans.get("second").getSpanId(), spans.get("third").getParentSpanId());
        assertEquals("traced", attribute(spans.get("first"), "eventloom.logical_source"));
    }

    @Test
    void aPlainSqsMessageContinuesTheTraceInItsMessageAttributes() {
        String traceId = "6759e988bd862e3fe1be46a994272794";
        String parentId = "63995c3f42cd8ad9";
        JsonObject message = new JsonObject().put("messageId", "m-plain").put("receiptHandle", "r")
                .put("body", "\"plain\"").put("attributes", new JsonObject().put("SentTimestamp", "1764201600000"))
                .put("messageAttributes", new JsonObject().put("traceparent", new JsonObject()
                        .put("stringValue", "00-" + traceId + "-" + parentId + "-01").put("dataType", "String")))
                .put("eventSource", "aws:sqs").put("eventSourceARN", QUEUE).put("awsRegion", "eu-west-1");
        Lambda.invoke(AwsEvents.records(List.of(message))).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> exporter.getFinishedSpanItems().stream()
                .anyMatch(s -> "plain".equals(attribute(s, "eventloom.function"))));
        SpanData plain = exporter.getFinishedSpanItems().stream()
                .filter(s -> "plain".equals(attribute(s, "eventloom.function"))).findFirst().orElseThrow();
        assertEquals(traceId, plain.getTraceId());
        assertEquals(parentId, plain.getParentSpanId());
    }

    @Test
    void aPlainSnsNotificationContinuesTheTraceInItsMessageAttributes() {
        String traceId = "7759e988bd862e3fe1be46a994272795";
        String parentId = "73995c3f42cd8ada";
        JsonObject notification = new JsonObject(AwsEvents.sns("hello", "\"plain\""));
        notification.getJsonArray("Records").getJsonObject(0).getJsonObject("Sns").put("MessageAttributes",
                new JsonObject().put("traceparent", new JsonObject().put("Type", "String")
                        .put("Value", "00-" + traceId + "-" + parentId + "-01")));
        Lambda.invoke(notification.encode()).then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> exporter.getFinishedSpanItems().stream()
                .anyMatch(s -> "notified".equals(attribute(s, "eventloom.function"))));
        SpanData notified = exporter.getFinishedSpanItems().stream()
                .filter(s -> "notified".equals(attribute(s, "eventloom.function"))).findFirst().orElseThrow();
        assertEquals(traceId, notified.getTraceId());
        assertEquals(parentId, notified.getParentSpanId());
    }
}
