package dev.eventloom.core.runtime;

import java.util.concurrent.Executor;

import dev.eventloom.core.runtime.invoke.WorkerPriority;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;

/**
 * Where functions run. With Vert.x in the application (the HTTP and messaging bindings bring it) functions run on its
 * event loops and worker pool, each offloaded invocation on a duplicated context of its own ({@code VertxExecution}).
 * Without it (a Lambda of queues and streams, which answers one invocation at a time on the runtime's thread) they run
 * on plain threads and Vert.x is never started ({@code ThreadExecution}): event-loop functions on the calling thread,
 * blocking ones on Quarkus's worker pool, deadlines and retry back-off on a timer thread.
 */
public interface Execution {

    /** Whether functions run on Vert.x event loops; {@code false} when the application has no Vert.x. */
    boolean eventLoops();

    /** Whether the calling thread is an event loop running a Vert.x context: where the fast lane applies. */
    boolean onEventLoop();

    /** The result emitted on the caller's Vert.x context, if it has one; as it is without Vert.x. */
    <T> Uni<T> onCaller(Uni<T> result);

    /**
     * Runs the task once after the delay: on the calling context's event loop with Vert.x, else on a timer thread.
     * Tasks must be short.
     */
    Cancellable schedule(long delayMillis, Runnable task);

    /**
     * The invocation, subscribed on the thread its dispatch mode asks for: an event loop (the caller's, with Vert.x;
     * the calling thread, without), the worker pool (at the given priority) or a virtual thread.
     *
     * @param virtualThreads the virtual-thread executor, for {@link DispatchMode#VIRTUAL_THREAD}
     */
    Uni<Object> dispatch(Uni<Object> invocation, DispatchMode mode, Executor virtualThreads,
            WorkerPriority workerPriority);

    /**
     * A Vert.x for HTTP clients (replies posted to a sink): the application's, or, without one, a Vert.x of
     * Eventloom's own started at the first call and closed at shutdown.
     */
    Vertx vertx();
}
