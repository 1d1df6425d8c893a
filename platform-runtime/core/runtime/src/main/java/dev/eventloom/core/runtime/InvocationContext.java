package dev.eventloom.core.runtime;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.eventloom.EventContext;
import io.cloudevents.CloudEvent;

/** One invocation of one function: the event, where it came from, and until when it may run. */
public final class InvocationContext implements EventContext {

    private final EventFunction function;
    private final CloudEvent event;
    private final Transport transport;
    private final String logicalSource;
    private final Instant deadline;
    /** The attempt's span as a W3C traceparent when deliveries are traced, for the log context. */
    private String traceparent;

    InvocationContext(EventFunction function, CloudEvent event, Transport transport, String logicalSource,
            Instant deadline) {
        this.function = function;
        this.event = event;
        this.transport = transport;
        this.logicalSource = logicalSource;
        this.deadline = deadline;
    }

    /** The invocation runs in the span {@code traceparent} ({@code null}: not traced). */
    InvocationContext traced(String traceparent) {
        this.traceparent = traceparent;
        return this;
    }

    /** The attempt's span, else the event's {@code traceparent}, else {@code null}. */
    String traceparent() {
        return traceparent != null ? traceparent : DeliveryTracing.traceparent(event);
    }

    public EventFunction function() {
        return function;
    }

    @Override
    public String functionName() {
        return function.name();
    }

    @Override
    public String id() {
        return event.getId();
    }

    @Override
    public URI source() {
        return event.getSource();
    }

    @Override
    public String type() {
        return event.getType();
    }

    @Override
    public String specVersion() {
        return event.getSpecVersion().toString();
    }

    @Override
    public String subject() {
        return event.getSubject();
    }

    @Override
    public OffsetDateTime time() {
        return event.getTime();
    }

    @Override
    public String dataContentType() {
        return event.getDataContentType();
    }

    @Override
    public URI dataSchema() {
        return event.getDataSchema();
    }

    @Override
    public Object extension(String name) {
        return event.getExtension(name);
    }

    @Override
    public Set<String> extensionNames() {
        return event.getExtensionNames();
    }

    @Override
    public CloudEvent cloudEvent() {
        return event;
    }

    @Override
    public Optional<String> logicalSource() {
        return Optional.ofNullable(logicalSource);
    }

    @Override
    public String transport() {
        return transport.name();
    }

    @Override
    public Map<String, List<String>> headers() {
        return transport.headers();
    }

    @Override
    public String header(String name) {
        return transport.header(name);
    }

    @Override
    public <T> Optional<T> transportObject(Class<T> type) {
        return transport.unwrap(type);
    }

    @Override
    public Instant deadline() {
        return deadline;
    }
}
