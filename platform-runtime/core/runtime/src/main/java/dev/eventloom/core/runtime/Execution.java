package dev.eventloom.core.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;

import dev.eventloom.core.runtime.invoke.DirectInvoker;
import dev.eventloom.core.runtime.invoke.WorkerPriority;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Where functions run. With Vert.x in the application (the HTTP and messaging bindings bring it) functions run on its
 * event loops and worker pool, each offloaded invocation on a duplicated context of its own ({@code VertxExecution}).
 * Without it (a Lambda of queues and streams, which answers one invocation at a time on the runtime's thread) they run
 * on plain threads and Vert.x is never started ({@code ThreadExecution}): event-loop functions on the calling thread,
 * blocking ones on Quarkus's worker pool, deadlines and retry back-off on the worker pool's scheduler.
 * <p>
 * Only the Vert.x implementation refers to Vert.x, so an application without it neither starts nor reaches Vert.x
 * (nor Netty) at all, in a native image either.
 */
public interface Execution {

    /** Where functions of that dispatch mode run, as the startup log says it: "the event loop", "the worker pool"... */
    String where(DispatchMode mode);

    /**
     * Whether a delivery started on this thread may take a function's fast lane: on an event loop running a Vert.x
     * context with Vert.x; on any thread without.
     */
    boolean fastLaneHere();

    /** The result emitted on the caller's Vert.x context, if it has one; as it is without Vert.x. */
    <T> Uni<T> onCaller(Uni<T> result);

    /**
     * Runs the task once after the delay: on the calling context's event loop with Vert.x, else on the worker pool's
     * scheduler. Tasks must be short.
     */
    Cancellable schedule(long delayMillis, Runnable task);

    /**
     * The invocation, subscribed on the thread its dispatch mode asks for: an event loop (the caller's, with Vert.x;
     * the calling thread, without), the worker pool (with Vert.x at the given priority, see {@link WorkerPriority}) or
     * a virtual thread.
     *
     * @param virtualThreads the virtual-thread executor, for {@link DispatchMode#VIRTUAL_THREAD}
     */
    Uni<Object> dispatch(Uni<Object> invocation, DispatchMode mode, Executor virtualThreads,
            WorkerPriority workerPriority);

    /**
     * Starts the task with none of its caller's request context, as a new request: with Vert.x on a new duplicated
     * context (of the caller's event loop, or of one of Vert.x's), where CDI keeps the request context; without, on
     * this thread with its request context (if any) set aside meanwhile.
     */
    void isolated(Runnable task);

    /**
     * The function's fast lane (see {@link DirectInvoker}), or {@code null} when it has none: with Vert.x every function
     * has one, for deliveries started on an event loop; without, event-loop functions with a synchronous signature.
     */
    DirectInvoker fastLane(EventFunction function, FastLane lane);

    /** What a fast lane calls: the generated invoker, the bean, how input binds, and the rules it keeps. */
    record FastLane(FunctionInvoker invoker, Object bean, java.util.function.Function<CloudEvent, Object> binder,
            OutputShape shape, Duration guardThreshold, Runnable blocked, Executor virtualThreads,
            WorkerPriority workerPriority) {
    }

    /**
     * Posts the event to {@code target} as a binary-mode CloudEvent (Vert.x's web client with Vert.x, the JDK's HTTP
     * client without).
     *
     * @return the HTTP status and location (redirects are never followed); a failure when no answer came within the
     *         timeout or the connection failed
     */
    Uni<Posted> post(URI target, CloudEvent event, Duration timeout);

    /** A sink's answer: its status, and its {@code Location} header (for a redirect, which is never followed). */
    record Posted(int status, String location) {
    }
}
