package dev.eventloom.core.runtime.invoke;

import java.util.concurrent.Executor;

import dev.eventloom.core.runtime.DispatchMode;
import dev.eventloom.core.runtime.Execution;
import dev.eventloom.core.runtime.InvocationContext;
import io.smallrye.mutiny.Uni;

/**
 * The one place that decides which thread a function runs on, through the application's {@link Execution}: an event
 * loop, the worker pool or a virtual thread. Results are not moved back here; the dispatcher emits them on the
 * caller's context.
 */
public final class OffloadingInvoker implements Invoker {

    private final Invoker delegate;
    private final DispatchMode mode;
    private final Execution execution;
    private final Executor virtualThreads;
    private final WorkerPriority workerPriority;

    public OffloadingInvoker(Invoker delegate, DispatchMode mode, Execution execution, Executor virtualThreads,
            WorkerPriority workerPriority) {
        this.delegate = delegate;
        this.mode = mode;
        this.execution = execution;
        this.virtualThreads = virtualThreads;
        this.workerPriority = workerPriority;
    }

    @Override
    public Uni<Object> invoke(InvocationContext context) {
        return execution.dispatch(delegate.invoke(context), mode, virtualThreads, workerPriority);
    }
}
