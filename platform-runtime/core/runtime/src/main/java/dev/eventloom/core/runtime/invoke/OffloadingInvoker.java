package dev.eventloom.core.runtime.invoke;

import java.util.concurrent.Executor;

import dev.eventloom.core.runtime.DispatchMode;
import dev.eventloom.core.runtime.InvocationContext;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The one place that decides which thread a function runs on: an event loop (the caller's when it is on one, else the
 * event loop of a new duplicated context), the worker pool or a virtual thread, each offloaded invocation on a
 * duplicated context of its own. Results are not moved back here; the dispatcher emits them on the caller's context.
 */
public final class OffloadingInvoker implements Invoker {

    private final Invoker delegate;
    private final DispatchMode mode;
    private final Vertx vertx;
    private final Executor virtualThreads;
    private final WorkerPriority workerPriority;

    public OffloadingInvoker(Invoker delegate, DispatchMode mode, Vertx vertx, Executor virtualThreads,
            WorkerPriority workerPriority) {
        this.delegate = delegate;
        this.mode = mode;
        this.vertx = vertx;
        this.virtualThreads = virtualThreads;
        this.workerPriority = workerPriority;
    }

    @Override
    public Uni<Object> invoke(InvocationContext context) {
        Uni<Object> invocation = delegate.invoke(context);
        return switch (mode) {
            case EVENT_LOOP -> Context.isOnEventLoopThread() ? invocation
                    : invocation.runSubscriptionOn(command -> eventLoopContext().runOnContext(ignored -> command.run()));
            case WORKER -> invocation.runSubscriptionOn(command -> isolated().executeBlocking(() -> {
                workerPriority.apply();
                command.run();
                return null;
            }, false));
            case VIRTUAL_THREAD -> invocation.runSubscriptionOn(
                    command -> isolated().runOnContext(ignored -> virtualThreads.execute(command)));
        };
    }

    private Context eventLoopContext() {
        Context current = Vertx.currentContext();
        return current != null && current.isEventLoopContext() ? current
                : VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
    }

    /**
     * A duplicated context of its own for each offloaded invocation: CDI keeps the request context in the Vert.x
     * context, so invocations of one request running at once (fan-out, batches) must not share one.
     */
    private Context isolated() {
        Context current = Vertx.currentContext();
        return VertxContext.createNewDuplicatedContext(current != null ? current : vertx.getOrCreateContext());
    }
}
