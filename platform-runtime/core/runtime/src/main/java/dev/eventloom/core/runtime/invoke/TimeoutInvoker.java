package dev.eventloom.core.runtime.invoke;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import dev.eventloom.core.runtime.EventloomException;
import dev.eventloom.core.runtime.EventloomException.Kind;
import dev.eventloom.core.runtime.Execution;
import dev.eventloom.core.runtime.InvocationContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Fails an invocation that has not finished by its context's deadline, and cancels it. The clock is a timer of the
 * application's {@link Execution} (Vert.x's, with Vert.x) started before the function is dispatched, so time spent
 * queued for a worker counts, and the alarm goes off even when every worker thread is busy. A blocking method is not
 * interrupted (its worker keeps running until it returns), but the caller is answered and other events are not held
 * up.
 */
public final class TimeoutInvoker implements Invoker {

    private final Invoker delegate;
    private final Execution execution;

    public TimeoutInvoker(Invoker delegate, Execution execution) {
        this.delegate = delegate;
        this.execution = execution;
    }

    @Override
    public Uni<Object> invoke(InvocationContext context) {
        return Uni.createFrom().emitter(emitter -> {
            long left = Duration.between(Instant.now(), context.deadline()).toMillis();
            if (left <= 0) {
                emitter.fail(timeout(context));
                return;
            }
            AtomicBoolean done = new AtomicBoolean();
            AtomicReference<Cancellable> invocation = new AtomicReference<>();
            Cancellable alarm = execution.schedule(left, () -> {
                if (done.compareAndSet(false, true)) {
                    emitter.fail(timeout(context));
                    Cancellable running = invocation.get();
                    if (running != null) {
                        running.cancel();
                    }
                }
            });
            emitter.onTermination(() -> {
                alarm.cancel();
                if (done.compareAndSet(false, true)) { // cancelled by the subscriber
                    Cancellable running = invocation.get();
                    if (running != null) {
                        running.cancel();
                    }
                }
            });
            Cancellable running = delegate.invoke(context).subscribe().with(item -> {
                if (done.compareAndSet(false, true)) {
                    alarm.cancel();
                    emitter.complete(item);
                }
            }, failure -> {
                if (done.compareAndSet(false, true)) {
                    alarm.cancel();
                    emitter.fail(failure);
                }
            });
            invocation.set(running);
            if (done.get()) {
                running.cancel(); // timed out while the synchronous part was still running
            }
        });
    }

    /** For an invocation whose deadline passed while it waited for a thread: its caller was already answered. */
    static EventloomException notStarted(InvocationContext context) {
        return new EventloomException(Kind.TIMEOUT, "Function '" + context.functionName() + "' was not started on event "
                + context.id() + ": its deadline passed while it waited for a thread");
    }

    static EventloomException timeout(InvocationContext context) {
        return new EventloomException(Kind.TIMEOUT, "Function '" + context.functionName() + "' did not finish event "
                + context.id() + " within its timeout of " + context.function().timeout().toMillis()
                + " ms; raise eventloom.function.\"" + context.functionName() + "\".timeout or make it faster");
    }
}
