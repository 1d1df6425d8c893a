package dev.eventloom.core.runtime.tracing;

import java.util.Set;

import dev.eventloom.core.runtime.DeliveryTracing;
import dev.eventloom.core.runtime.EventFunction;
import dev.eventloom.core.runtime.EventloomException;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;

/** {@link DeliveryTracing} on the application's OpenTelemetry (Quarkus's {@code quarkus-opentelemetry}). */
public final class OpenTelemetryTracing extends DeliveryTracing {

    /** Lambda's trace header, set by the runtime for each invocation (system property) or in the environment. */
    static final String XRAY_PROPERTY = "com.amazonaws.xray.traceHeader";
    static final String XRAY_ENV = "_X_AMZN_TRACE_ID";

    private static final TextMapGetter<CloudEvent> EXTENSIONS = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(CloudEvent event) {
            return Set.of(TRACEPARENT, TRACESTATE);
        }

        @Override
        public String get(CloudEvent event, String key) {
            Object value = event == null ? null : event.getExtension(key);
            return value == null ? null : value.toString();
        }
    };

    private final Tracer tracer;

    public OpenTelemetryTracing(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("dev.eventloom");
    }

    @Override
    public Object parent(CloudEvent event) {
        if (event.getExtension(TRACEPARENT) != null) {
            Context extracted = W3CTraceContextPropagator.getInstance().extract(Context.root(), event, EXTENSIONS);
            if (Span.fromContext(extracted).getSpanContext().isValid()) {
                return extracted;
            }
        }
        Context current = Context.current();
        if (Span.fromContext(current).getSpanContext().isValid()) {
            return current;
        }
        SpanContext lambda = xray(System.getProperty(XRAY_PROPERTY, System.getenv(XRAY_ENV)));
        return lambda == null ? current : Context.root().with(Span.wrap(lambda));
    }

    /**
     * The parent in Lambda's trace header, {@code Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;
     * Sampled=1}: an X-Ray trace id is its W3C one without the dashes and the version.
     */
    static SpanContext xray(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String root = null;
        String parent = null;
        boolean sampled = false;
        for (String part : header.split(";")) {
            int equals = part.indexOf('=');
            if (equals < 0) {
                continue;
            }
            String key = part.substring(0, equals).trim();
            String value = part.substring(equals + 1).trim();
            switch (key) {
                case "Root" -> root = value;
                case "Parent" -> parent = value;
                case "Sampled" -> sampled = value.equals("1");
                default -> {
                }
            }
        }
        if (root == null || parent == null || !root.startsWith("1-") || root.length() != 35) {
            return null;
        }
        String traceId = root.substring(2, 10) + root.substring(11);
        SpanContext context = SpanContext.createFromRemoteParent(traceId, parent,
                sampled ? TraceFlags.getSampled() : TraceFlags.getDefault(), TraceState.getDefault());
        return context.isValid() ? context : null;
    }

    @Override
    public Attempt start(Object parent, EventFunction function, CloudEvent event, String logicalSource, int attempt) {
        var builder = tracer.spanBuilder(function.name()).setSpanKind(SpanKind.CONSUMER)
                .setAttribute("eventloom.function", function.name())
                .setAttribute("eventloom.attempt", attempt)
                .setAttribute("eventloom.dispatch", function.dispatchMode().name().toLowerCase(java.util.Locale.ROOT))
                .setAttribute("cloudevents.event_id", event.getId())
                .setAttribute("cloudevents.event_type", event.getType())
                .setAttribute("cloudevents.event_source", event.getSource().toString());
        if (logicalSource != null) {
            builder.setAttribute("eventloom.logical_source", logicalSource);
        }
        if (event.getSubject() != null) {
            builder.setAttribute("cloudevents.event_subject", event.getSubject());
        }
        builder.setParent(parent instanceof Context context ? context : Context.root());
        return new SpanAttempt(builder.startSpan());
    }

    private record SpanAttempt(Span span) implements Attempt {

        @Override
        public CloudEvent stamp(CloudEvent reply) {
            if (reply == null || reply.getExtension(TRACEPARENT) != null) {
                return reply;
            }
            return CloudEventBuilder.v1(reply).withExtension(TRACEPARENT, traceparent()).build();
        }

        @Override
        public String traceparent() {
            SpanContext context = span.getSpanContext();
            return "00-" + context.getTraceId() + "-" + context.getSpanId() + "-" + context.getTraceFlags().asHex();
        }

        @Override
        public void end(CloudEvent reply, Throwable failure) {
            if (failure == null) {
                span.setAttribute("eventloom.outcome", "success");
                if (reply != null) {
                    span.setAttribute("eventloom.reply_id", reply.getId());
                    span.setAttribute("eventloom.reply_type", reply.getType());
                }
            } else {
                DeliveryTracing.mark(failure, traceparent());
                EventloomException.Kind kind = EventloomException.kindOf(failure);
                span.setAttribute("eventloom.outcome", kind.name().toLowerCase(java.util.Locale.ROOT));
                span.setStatus(StatusCode.ERROR, kind == EventloomException.Kind.FUNCTION_FAILED
                        ? "error id " + EventloomException.errorId(failure) : failure.getMessage());
            }
            span.end();
        }
    }
}
