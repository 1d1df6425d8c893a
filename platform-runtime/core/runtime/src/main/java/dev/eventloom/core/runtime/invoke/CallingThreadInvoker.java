package dev.eventloom.core.runtime.invoke;

import java.time.Duration;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.eventloom.core.runtime.FunctionInvoker;
import dev.eventloom.core.runtime.InvocationContext;
import dev.eventloom.core.runtime.OutputShape;
import io.cloudevents.CloudEvent;

/**
 * The fast lane without Vert.x, for an event-loop function with a synchronous signature (a value or {@code void}):
 * the function runs on the calling thread (a Lambda runtime's thread, say) with a request context of its own, and its
 * outcome is reported before {@link #invoke} returns. No timer: a synchronous call cannot be interrupted, so its result
 * is there when it returns. Like the event-loop lanes, it warns when the function holds the thread too long.
 */
public final class CallingThreadInvoker extends DirectInvoker {

    private final long thresholdNanos;
    private final Runnable blocked;

    public CallingThreadInvoker(FunctionInvoker invoker, Object bean, Function<CloudEvent, Object> inputBinder,
            OutputShape shape, Duration guardThreshold, Runnable blocked) {
        super(invoker, bean, inputBinder, shape);
        if (shape != OutputShape.VALUE && shape != OutputShape.VOID) {
            throw new IllegalArgumentException("only for synchronous signatures, not " + shape);
        }
        this.thresholdNanos = guardThreshold.toNanos();
        this.blocked = blocked;
    }

    @Override
    public void invoke(InvocationContext context, BiConsumer<Object, Throwable> done) {
        long start = System.nanoTime();
        Object item = null;
        Throwable failure = null;
        try {
            item = callHere(context);
        } catch (Exception e) {
            failure = e;
        } finally {
            EventLoopGuardInvoker.warnIfHeld(System.nanoTime() - start, thresholdNanos, blocked, context);
        }
        done.accept(item, failure);
    }
}
