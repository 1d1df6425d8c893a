package dev.eventloom.core.runtime.invoke;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import org.jboss.logging.Logger;

import dev.eventloom.core.runtime.FunctionInvoker;
import dev.eventloom.core.runtime.InvocationContext;
import io.cloudevents.CloudEvent;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ManagedContext;

/**
 * The fast lane for an event-loop function with a synchronous signature (a value or {@code void}) called on an event
 * loop: the whole invocation runs on the calling thread, with no {@code Uni} stages, no hand-off and no timer. None is
 * needed: a synchronous call on the event loop cannot be interrupted, so its result is there when it returns, and a
 * timer could only fire after that. It keeps what the decorated chain gives the function: a CDI request context of its
 * own and the event-loop guard's warning.
 */
public final class InlineInvoker {

    private static final Logger LOG = Logger.getLogger(InlineInvoker.class);

    private final FunctionInvoker invoker;
    private final Object bean;
    private final Function<CloudEvent, Object> inputBinder;
    private final long thresholdNanos;
    private final Runnable blocked;
    private final ManagedContext requestContext;

    public InlineInvoker(FunctionInvoker invoker, Object bean, Function<CloudEvent, Object> inputBinder,
            Duration guardThreshold, Runnable blocked) {
        this.invoker = invoker;
        this.bean = bean;
        this.inputBinder = inputBinder;
        this.thresholdNanos = guardThreshold.toNanos();
        this.blocked = blocked;
        this.requestContext = Arc.container().requestContext();
    }

    /**
     * Binds the input and calls the function on this thread.
     *
     * @return what the function returned ({@code null} for {@code void})
     * @throws Exception what binding or the function threw
     */
    public Object invoke(InvocationContext context) throws Exception {
        boolean activated = !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        long start = System.nanoTime();
        try {
            return invoker.invoke(bean, inputBinder.apply(context.cloudEvent()), context);
        } finally {
            long held = System.nanoTime() - start;
            if (activated) {
                requestContext.terminate();
            }
            if (held > thresholdNanos) {
                blocked.run();
                LOG.warnf("[EVL-0101] Function '%s' held the event loop for %d ms on event %s (threshold %d ms): "
                        + "annotate it @Blocking or @RunOnVirtualThread, or make it non-blocking",
                        context.functionName(), TimeUnit.NANOSECONDS.toMillis(held), context.id(),
                        TimeUnit.NANOSECONDS.toMillis(thresholdNanos));
            }
        }
    }
}
