package dev.eventloom.core.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.eventloom.core.runtime.filter.TriggerMetadata;
import dev.eventloom.core.runtime.invoke.InlineInvoker;
import dev.eventloom.core.runtime.invoke.Invoker;
import io.smallrye.mutiny.Uni;

/** A function as the runtime knows it: its settings after configuration, and its decorated invoker. */
public final class EventFunction {

    private final FunctionMetadata metadata;
    private final DispatchMode dispatchMode;
    private final Duration timeout;
    private final String replyType;
    private final URI replySource;
    private final List<TriggerMetadata> triggers;
    private final DeliveryPolicy delivery;
    private Invoker invoker;
    private InlineInvoker inline;
    private FunctionMetrics metrics;

    EventFunction(FunctionMetadata metadata, DispatchMode dispatchMode, Duration timeout, String replyType,
            URI replySource, List<TriggerMetadata> triggers, DeliveryPolicy delivery) {
        this.delivery = delivery;
        this.metadata = metadata;
        this.dispatchMode = dispatchMode;
        this.timeout = timeout;
        this.replyType = replyType;
        this.replySource = replySource;
        this.triggers = List.copyOf(triggers);
    }

    void invoker(Invoker invoker) {
        this.invoker = invoker;
    }

    void inline(InlineInvoker inline) {
        this.inline = inline;
    }

    /** The fast lane, for an event-loop function with a synchronous signature; {@code null} for the others. */
    InlineInvoker inline() {
        return inline;
    }

    void metrics(FunctionMetrics metrics) {
        this.metrics = metrics;
    }

    FunctionMetrics metrics() {
        return metrics;
    }

    /** Retries, dead letter, concurrency limit, idempotency and ordering, after configuration. */
    public DeliveryPolicy delivery() {
        return delivery;
    }

    Uni<Object> invoke(InvocationContext context) {
        return invoker.invoke(context);
    }

    public String name() {
        return metadata.getName();
    }

    /** {@code Class#method} of the function. */
    public String location() {
        return metadata.location();
    }

    public FunctionMetadata metadata() {
        return metadata;
    }

    public DispatchMode dispatchMode() {
        return dispatchMode;
    }

    public Duration timeout() {
        return timeout;
    }

    public String replyType() {
        return replyType;
    }

    public URI replySource() {
        return replySource;
    }

    public List<TriggerMetadata> triggers() {
        return triggers;
    }

    /** Whether the function produces a reply at all. */
    public boolean returnsValue() {
        return metadata.getOutputShape() != OutputShape.VOID;
    }

    @Override
    public String toString() {
        return name();
    }
}
