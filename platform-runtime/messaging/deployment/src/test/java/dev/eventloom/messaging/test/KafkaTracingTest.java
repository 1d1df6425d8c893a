package dev.eventloom.messaging.test;

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
import dev.eventloom.testkit.kafka.SharedKafka;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.builder.Version;
import io.quarkus.funqy.Funq;
import io.quarkus.maven.dependency.Dependency;
import io.quarkus.test.QuarkusUnitTest;

/**
 * A chain of three functions whose replies pass through a Kafka topic is one trace: each reply carries its attempt's
 * span in its {@code ce_traceparent} header, and the next function's span is its child.
 */
class KafkaTracingTest {

    static final String TOPIC = "tracing-chain";

    @RegisterExtension
    static final QuarkusUnitTest app = new QuarkusUnitTest()
            .withApplicationRoot(jar -> jar.addClasses(Functions.class, Exporter.class, Topics.class))
            .setForcedDependencies(List.of(Dependency.of("io.quarkus", "quarkus-opentelemetry", Version.getVersion())))
            .overrideConfigKey("quarkus.otel.exporter.otlp.enabled", "false")
            .overrideConfigKey("quarkus.otel.bsp.schedule.delay", "10ms")
            .overrideConfigKey("kafka.bootstrap.servers", SharedKafka.bootstrapServers())
            .overrideConfigKey("quarkus.kafka.devservices.enabled", "false")
            .overrideConfigKey("eventloom.messaging.incoming", "in")
            .overrideConfigKey("eventloom.messaging.outgoing", "out")
            .overrideConfigKey("eventloom.sink.url", "channel:out")
            .overrideConfigKey("mp.messaging.incoming.in.connector", "smallrye-kafka")
            .overrideConfigKey("mp.messaging.incoming.in.topic", TOPIC)
            .overrideConfigKey("mp.messaging.incoming.in.auto.offset.reset", "earliest")
            .overrideConfigKey("mp.messaging.outgoing.out.connector", "smallrye-kafka")
            .overrideConfigKey("mp.messaging.outgoing.out.topic", TOPIC);

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
        @Trigger(type = "hop.first")
        @Reply(type = "hop.second")
        public String first(String text) {
            return text + " first";
        }

        @Funq
        @Trigger(type = "hop.second")
        @Reply(type = "hop.third")
        public String second(String text) {
            return text + " second";
        }

        @Funq
        @Trigger(type = "hop.third")
        public void third(String text) {
        }
    }

    @Inject
    InMemorySpanExporter exporter;

    private static String attribute(SpanData span, String key) {
        Object value = span.getAttributes().get(AttributeKey.stringKey(key));
        return value == null ? null : value.toString();
    }

    @Test
    void aChainThroughKafkaIsOneTrace() {
        String traceId = "0af7651916cd43dd8448eb211c80319c";
        String parentId = "b7ad6b7169203331";
        Topics.send(TOPIC, "k", "\"go\"", Map.of("ce_specversion", "1.0", "ce_id", "k-1", "ce_source", "/test",
                "ce_type", "hop.first", "ce_traceparent", "00-" + traceId + "-" + parentId + "-01",
                "content-type", "application/json"));
        await().atMost(Duration.ofSeconds(60)).until(() -> exporter.getFinishedSpanItems().stream()
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
        assertEquals("in", attribute(spans.get("second"), "eventloom.logical_source"));
    }
}
