package dev.eventloom.core.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import dev.eventloom.core.runtime.filter.TriggerMetadata;
import dev.eventloom.core.runtime.invoke.DirectInvoker;
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
    private DirectInvoker direct;
    private FunctionMetrics metrics;
    private Admission admission;

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

    void direct(DirectInvoker direct) {
        this.direct = direct;
    }

    /** The fast lane, taken when the function is called on an event loop and its delivery rules allow it. */
    DirectInvoker direct() {
        return direct;
    }

    void metrics(FunctionMetrics metrics) {
        this.metrics = metrics;
        this.admission = new Admission(delivery.maxConcurrency(), metrics.inFlight);
    }

    /** The concurrency limit, counted in the metrics' in-flight gauge. */
    Admission admission() {
        return admission;
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
