package dev.eventloom.core.runtime.invoke;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.eventloom.core.runtime.FunctionInvoker;
import dev.eventloom.core.runtime.InvocationContext;
import dev.eventloom.core.runtime.OutputShape;
import io.cloudevents.CloudEvent;

/**
 * The fast lane for an event-loop function called on an event loop: the function runs on the calling thread with no
 * hand-off. A synchronous signature (a value or {@code void}) needs no timer: a call on the event loop cannot be
 * interrupted, so its result is there when it returns. A {@code Uni} or {@code CompletionStage} that completes at once
 * (the usual case for a non-blocking function) is taken as it is; only one that completes later gets a timer for its
 * deadline. Like the decorated chain, it warns when the function holds the event loop too long.
 */
public final class InlineInvoker extends DirectInvoker {

    private final long thresholdNanos;
    private final Runnable blocked;

    public InlineInvoker(FunctionInvoker invoker, Object bean, Function<CloudEvent, Object> inputBinder,
            OutputShape shape, Duration guardThreshold, Runnable blocked) {
        super(invoker, bean, inputBinder, shape);
        this.thresholdNanos = guardThreshold.toNanos();
        this.blocked = blocked;
    }

    @Override
    public void invoke(InvocationContext context, BiConsumer<Object, Throwable> done) {
        long start = System.nanoTime();
        try {
            call(context, new Outcome(done));
        } finally {
            EventLoopGuardInvoker.warnIfHeld(System.nanoTime() - start, thresholdNanos, blocked, context);
        }
    }
}
