package dev.eventloom.core.runtime;

import org.jboss.logging.MDC;

import io.cloudevents.CloudEvent;
import io.vertx.core.Vertx;

/**
 * The logging context of an invocation: {@code eventId}, {@code eventType}, {@code eventSource}, {@code function}, and
 * {@code traceId} and {@code spanId} from the event's {@code traceparent} when it has one. Set where the function
 * runs, so every line the function and Eventloom log for the event carries them ({@code quarkus-logging-json} writes
 * them as fields; a text format shows them with {@code %X{eventId}}).
 * <p>
 * With Vert.x, Quarkus keeps the MDC in the duplicated context of the delivery, which every thread of the invocation
 * shares (event loop, worker, {@code Uni} continuations on the context) and which ends with it; without a context the
 * MDC is the thread's, and {@link #exit} restores what the thread had.
 */
public final class InvocationMdc {

    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String EVENT_SOURCE = "eventSource";
    public static final String FUNCTION = "function";
    public static final String TRACE_ID = "traceId";
    public static final String SPAN_ID = "spanId";
    private static final String[] KEYS = { EVENT_ID, EVENT_TYPE, EVENT_SOURCE, FUNCTION, TRACE_ID, SPAN_ID };
    /** Set at startup from {@link LoggingConfig#mdc()}; off, nothing is put in the MDC. */
    private static volatile boolean enabled;

    private InvocationMdc() {
    }

    static void enable(boolean on) {
        enabled = on;
    }

    /**
     * Sets the invocation's keys, the trace from its attempt's span when deliveries are traced; gives what
     * {@link #exit} restores ({@code null} when the MDC is off).
     */
    public static Object[] enter(InvocationContext context) {
        return enabled ? enter(context.function(), context.cloudEvent(), context.traceparent()) : null;
    }

    /** Sets the keys of an invocation of {@code function} on {@code event}, outside one (its log lines). */
    static Object[] enter(EventFunction function, CloudEvent event) {
        return enter(function, event, DeliveryTracing.traceparent(event));
    }

    private static Object[] enter(EventFunction function, CloudEvent event, String traceparent) {
        if (!enabled) {
            return null;
        }
        Object[] previous = new Object[KEYS.length];
        previous[0] = MDC.put(EVENT_ID, event.getId());
        previous[1] = MDC.put(EVENT_TYPE, event.getType());
        previous[2] = MDC.put(EVENT_SOURCE, event.getSource().toString());
        previous[3] = MDC.put(FUNCTION, function.name());
        String[] parts = traceparent == null ? null : traceparent.split("-");
        if (parts != null && parts.length == 4 && parts[1].length() == 32 && parts[2].length() == 16) {
            previous[4] = MDC.put(TRACE_ID, parts[1]);
            previous[5] = MDC.put(SPAN_ID, parts[2]);
        } else {
            previous[4] = MDC.get(TRACE_ID);
            previous[5] = MDC.get(SPAN_ID);
            MDC.remove(TRACE_ID);
            MDC.remove(SPAN_ID);
        }
        return previous;
    }

    /**
     * Ends {@link #enter} on the same thread: off Vert.x the thread's MDC gets its earlier values back; on a duplicated
     * context the values stay with it, for continuations of the invocation, and end with the delivery's context.
     */
    public static void exit(Object[] previous) {
        if (previous == null || Vertx.currentContext() != null) {
            return;
        }
        restore(previous);
    }

    /** Restores the earlier values wherever the MDC lives: for lines logged outside an invocation. */
    static void restore(Object[] previous) {
        for (int i = 0; i < KEYS.length; i++) {
            if (previous[i] == null) {
                MDC.remove(KEYS[i]);
            } else {
                MDC.put(KEYS[i], previous[i]);
            }
        }
    }

    /** Logs {@code line} with the invocation's keys set, then puts back what was there. */
    static void around(EventFunction function, CloudEvent event, Runnable line) {
        if (!enabled) {
            line.run();
            return;
        }
        Object[] previous = enter(function, event);
        try {
            line.run();
        } finally {
            restore(previous);
        }
    }
}
