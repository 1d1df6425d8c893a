package dev.eventloom.core.runtime.invoke;

import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.eventloom.core.runtime.FunctionInvoker;
import dev.eventloom.core.runtime.InvocationContext;
import dev.eventloom.core.runtime.OutputShape;
import io.cloudevents.CloudEvent;
import io.smallrye.common.vertx.VertxContext;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

/**
 * The fast lane for a blocking function called on an event loop: one hand-off to the worker pool (through its
 * {@link WorkerQueue}) or a virtual thread, and one back, with no {@code Uni} stages in between. Each invocation runs
 * on a duplicated Vert.x context of its own, as in the decorated chain, because CDI keeps the request context there
 * and invocations of one request may run at once. The deadline's timer starts before the hand-off, so time spent
 * queued for a thread counts; a function whose deadline passed while it waited is not started. A running blocking
 * method is not interrupted: its caller is answered with a timeout and what it returns later is dropped.
 */
public final class OffloadedInvoker extends DirectInvoker {

    private final Executor virtualThreads;
    private final WorkerQueue workers;
    private final WorkerPriority workerPriority;

    /**
     * @param virtualThreads the virtual-thread executor, or {@code null} to run on the worker pool
     * @param workers the worker pool's queue
     */
    public OffloadedInvoker(FunctionInvoker invoker, Object bean, Function<CloudEvent, Object> inputBinder,
            OutputShape shape, Executor virtualThreads, WorkerQueue workers, WorkerPriority workerPriority) {
        super(invoker, bean, inputBinder, shape);
        this.virtualThreads = virtualThreads;
        this.workers = workers;
        this.workerPriority = workerPriority;
    }

    @Override
    public void invoke(InvocationContext context, BiConsumer<Object, Throwable> done) {
        Outcome outcome = new Outcome(done);
        outcome.startTimer(context);
        ContextInternal isolated = (ContextInternal) VertxContext.createNewDuplicatedContext(Vertx.currentContext());
        try {
            if (virtualThreads == null) {
                workers.execute(isolated, () -> {
                    long started = workerPriority.starting();
                    try {
                        start(context, outcome);
                    } finally {
                        workerPriority.ran(started);
                    }
                }, rejected -> outcome.complete(null, rejected)); // the pool is shut down
            } else {
                // Quarkus's virtual-thread executor runs a task on the context current when it was submitted (the
                // caller's); the invocation runs on its own one inside that.
                virtualThreads.execute(() -> {
                    ContextInternal previous = isolated.beginDispatch();
                    try {
                        start(context, outcome);
                    } finally {
                        isolated.endDispatch(previous);
                    }
                });
            }
        } catch (RuntimeException e) { // the virtual-thread executor is shut down
            outcome.complete(null, e);
        }
    }

    private void start(InvocationContext context, Outcome outcome) {
        if (outcome.finished()) {
            return; // timed out while it waited for a thread
        }
        if (!Instant.now().isBefore(context.deadline())) {
            outcome.complete(null, TimeoutInvoker.notStarted(context));
            return;
        }
        call(context, outcome);
    }
}
