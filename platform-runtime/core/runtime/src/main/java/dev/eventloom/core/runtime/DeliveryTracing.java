package dev.eventloom.core.runtime;

import io.cloudevents.CloudEvent;

/**
 * Tracing of deliveries: one span per attempt of a function on an event, parented by the event's {@code traceparent}
 * (the CloudEvents distributed-tracing extension) when it has one, else by what the binding is tracing (the HTTP
 * request's span, Lambda's X-Ray trace); its reply carries the attempt's span as {@code traceparent}, so a chain of
 * functions, through any broker, is one trace. Active with {@code quarkus-opentelemetry}; otherwise {@link #NONE},
 * which costs nothing.
 */
public abstract class DeliveryTracing {

    /** The CloudEvents distributed-tracing extension: a W3C {@code traceparent}. */
    public static final String TRACEPARENT = "traceparent";
    public static final String TRACESTATE = "tracestate";

    /** No tracing. */
    public static final DeliveryTracing NONE = new DeliveryTracing() {
        @Override
        public Object parent(CloudEvent event) {
            return null;
        }

        @Override
        public Attempt start(Object parent, EventFunction function, CloudEvent event, String logicalSource,
                int attempt) {
            return Attempt.NONE;
        }
    };

    private static volatile DeliveryTracing current = NONE;

    /** The tracing in use. */
    public static DeliveryTracing current() {
        return current;
    }

    public static void enable(DeliveryTracing tracing) {
        current = tracing;
    }

    /**
     * The parent of a delivery's attempts, taken where the delivery starts (on the binding's thread, where its own
     * span is current); {@code null} without tracing.
     */
    public abstract Object parent(CloudEvent event);

    /** Starts the span of one attempt ({@code attempt}: 1 for the first). */
    public abstract Attempt start(Object parent, EventFunction function, CloudEvent event, String logicalSource,
            int attempt);

    /** The event's {@code traceparent} extension, or {@code null}. */
    public static String traceparent(CloudEvent event) {
        Object value = event.getExtension(TRACEPARENT);
        return value == null ? null : value.toString();
    }

    /**
     * Marks a failed attempt's failure with the attempt's span, so what the failure leads to (a dead letter) continues
     * the trace from there. Rides along as a suppressed marker without a stack, like the error id.
     */
    public static void mark(Throwable failure, String traceparent) {
        if (failure != null && traceparent != null && traceparentOf(failure) == null) {
            failure.addSuppressed(new TraceMark(traceparent));
        }
    }

    /** The span of the attempt that failed with {@code failure}; {@code null} when not traced. */
    public static String traceparentOf(Throwable failure) {
        for (Throwable suppressed : failure.getSuppressed()) {
            if (suppressed instanceof TraceMark mark) {
                return mark.getMessage();
            }
        }
        return null;
    }

    /** Carries {@link #traceparentOf}. */
    private static final class TraceMark extends RuntimeException {
        TraceMark(String traceparent) {
            super(traceparent, null, false, false);
        }

        @Override
        public String toString() {
            return "traceparent " + getMessage();
        }
    }

    /** One attempt's span. */
    public interface Attempt {

        Attempt NONE = new Attempt() {
            @Override
            public CloudEvent stamp(CloudEvent reply) {
                return reply;
            }

            @Override
            public void end(CloudEvent reply, Throwable failure) {
            }

            @Override
            public String traceparent() {
                return null;
            }
        };

        /** The reply, carrying this attempt's span as its {@code traceparent} (unless the function set one). */
        CloudEvent stamp(CloudEvent reply);

        /** Ends the span with the attempt's outcome. */
        void end(CloudEvent reply, Throwable failure);

        /** The span as a W3C {@code traceparent}; {@code null} when not traced. */
        String traceparent();
    }
}
