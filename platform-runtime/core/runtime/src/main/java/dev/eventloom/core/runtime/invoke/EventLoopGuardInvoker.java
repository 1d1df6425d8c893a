package dev.eventloom.core.runtime.invoke;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.eventloom.core.runtime.InvocationContext;
import dev.eventloom.core.runtime.LogCodes;
import io.smallrye.mutiny.Uni;

/**
 * Measures how long an event-loop function holds the loop while it is called and its pipeline subscribed. Past the
 * threshold it logs a warning naming the function and counts it, so users learn which function to mark
 * {@code @Blocking}.
 */
public final class EventLoopGuardInvoker implements Invoker {

    private static final Logger LOG = Logger.getLogger(EventLoopGuardInvoker.class);

    private final Invoker delegate;
    private final long thresholdNanos;
    private final Runnable blocked;

    public EventLoopGuardInvoker(Invoker delegate, Duration threshold, Runnable blocked) {
        this.delegate = delegate;
        this.thresholdNanos = threshold.toNanos();
        this.blocked = blocked;
    }

    @Override
    public Uni<Object> invoke(InvocationContext context) {
        return Uni.createFrom().emitter(emitter -> {
            long start = System.nanoTime();
            emitter.onTermination(delegate.invoke(context).subscribe().with(emitter::complete, emitter::fail)::cancel);
            warnIfHeld(System.nanoTime() - start, thresholdNanos, blocked, context);
        });
    }

    /** Counts and names a function that held the event loop longer than the threshold. */
    static void warnIfHeld(long heldNanos, long thresholdNanos, Runnable blocked, InvocationContext context) {
        if (heldNanos > thresholdNanos) {
            blocked.run();
            LOG.warnf(LogCodes.EVENT_LOOP_HELD + " Function '%s' held the event loop for %d ms on event %s "
                    + "(threshold %d ms): "
                    + "annotate it @Blocking or @RunOnVirtualThread, or make it non-blocking",
                    context.functionName(), TimeUnit.NANOSECONDS.toMillis(heldNanos), context.id(),
                    TimeUnit.NANOSECONDS.toMillis(thresholdNanos));
        }
    }
}
