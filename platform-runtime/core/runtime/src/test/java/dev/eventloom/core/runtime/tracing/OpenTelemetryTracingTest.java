package dev.eventloom.core.runtime.tracing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.context.Context;

/** Where a delivery's trace comes from: the event's traceparent first, then the current span, then Lambda's X-Ray. */
class OpenTelemetryTracingTest {

    final OpenTelemetryTracing tracing = new OpenTelemetryTracing(OpenTelemetry.noop());

    @AfterEach
    void clear() {
        System.clearProperty(OpenTelemetryTracing.XRAY_PROPERTY);
    }

    private static CloudEvent event(String traceparent) {
        CloudEventBuilder builder = CloudEventBuilder.v1().withId("e-1").withSource(URI.create("/test"))
                .withType("test.event");
        if (traceparent != null) {
            builder.withExtension("traceparent", traceparent);
        }
        return builder.build();
    }

    private static SpanContext span(Object parent) {
        return Span.fromContext((Context) parent).getSpanContext();
    }

    @Test
    void lambdasTraceHeaderIsTheParentOfAnEventWithoutTraceparent() {
        System.setProperty(OpenTelemetryTracing.XRAY_PROPERTY,
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        SpanContext parent = span(tracing.parent(event(null)));
        assertEquals("5759e988bd862e3fe1be46a994272793", parent.getTraceId());
        assertEquals("53995c3f42cd8ad8", parent.getSpanId());
        assertTrue(parent.isSampled());
        assertTrue(parent.isRemote());
    }

    @Test
    void theEventsTraceparentComesFirst() {
        System.setProperty(OpenTelemetryTracing.XRAY_PROPERTY,
                "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1");
        SpanContext parent = span(tracing.parent(event("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")));
        assertEquals("4bf92f3577b34da6a3ce929d0e0e4736", parent.getTraceId());
        assertEquals("00f067aa0ba902b7", parent.getSpanId());
    }

    @Test
    void malformedHeadersGiveNoParent() {
        assertNull(OpenTelemetryTracing.xray("Root=1-5759e988;Parent=53995c3f42cd8ad8"));
        assertNull(OpenTelemetryTracing.xray("Parent=53995c3f42cd8ad8;Sampled=1"));
        assertNull(OpenTelemetryTracing.xray("Root=1-00000000-000000000000000000000000;Parent=0000000000000000"));
        assertNull(OpenTelemetryTracing.xray(""));
        assertFalse(span(tracing.parent(event("not-a-traceparent"))).isValid());
    }
}
