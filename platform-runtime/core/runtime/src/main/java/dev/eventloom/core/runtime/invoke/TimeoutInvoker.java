package dev.eventloom.core.runtime.invoke;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.eventloom.core.runtime.EventloomException;
import dev.eventloom.core.runtime.EventloomException.Kind;
import dev.eventloom.core.runtime.InvocationContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * Fails an invocation that has not finished by its context's deadline. The clock starts before the function is
 * dispatched, so time spent queued for a worker counts. The function's thread is not interrupted (a worker keeps
 * running until the method returns), but the caller is answered and other events are not held up.
 */
public final class TimeoutInvoker implements Invoker {

    private final Invoker delegate;
    private final ScheduledExecutorService timer;

    public TimeoutInvoker(Invoker delegate) {
        this(delegate, Infrastructure.getDefaultWorkerPool());
    }

    TimeoutInvoker(Invoker delegate, ScheduledExecutorService timer) {
        this.delegate = delegate;
        this.timer = timer;
    }

    @Override
    public Uni<Object> invoke(InvocationContext context) {
        return Uni.createFrom().emitter(emitter -> {
            long left = Duration.between(Instant.now(), context.deadline()).toNanos();
            if (left <= 0) {
                emitter.fail(timeout(context));
                return;
            }
            AtomicBoolean done = new AtomicBoolean();
            Cancellable[] invocation = new Cancellable[1];
            ScheduledFuture<?> alarm = timer.schedule(() -> {
                if (done.compareAndSet(false, true)) {
                    emitter.fail(timeout(context));
                    if (invocation[0] != null) {
                        invocation[0].cancel();
                    }
                }
            }, left, TimeUnit.NANOSECONDS);
            invocation[0] = delegate.invoke(context).subscribe().with(item -> {
                if (done.compareAndSet(false, true)) {
                    alarm.cancel(false);
                    emitter.complete(item);
                }
            }, failure -> {
                if (done.compareAndSet(false, true)) {
                    alarm.cancel(false);
                    emitter.fail(failure);
                }
            });
        });
    }

    private static EventloomException timeout(InvocationContext context) {
        return new EventloomException(Kind.TIMEOUT, "Function '" + context.functionName() + "' did not finish event "
                + context.id() + " within its timeout of " + context.function().timeout().toMillis()
                + " ms; raise eventloom.function.\"" + context.functionName() + "\".timeout or make it faster");
    }
}
