package dev.eventloom.core.runtime.invoke;

import java.time.Duration;
import java.time.Instant;

import dev.eventloom.core.runtime.EventloomException;
import dev.eventloom.core.runtime.EventloomException.Kind;
import dev.eventloom.core.runtime.InvocationContext;
import io.smallrye.mutiny.Uni;

/**
 * Fails an invocation that has not finished by its context's deadline. The function's thread is not interrupted (a
 * worker keeps running until the method returns), but the caller is answered and other events are not held up.
 */
public final class TimeoutInvoker implements Invoker {

    private final Invoker delegate;

    public TimeoutInvoker(Invoker delegate) {
        this.delegate = delegate;
    }

    @Override
    public Uni<Object> invoke(InvocationContext context) {
        Duration left = Duration.between(Instant.now(), context.deadline());
        if (left.isNegative() || left.isZero()) {
            return Uni.createFrom().failure(timeout(context));
        }
        return delegate.invoke(context).ifNoItem().after(left).failWith(() -> timeout(context));
    }

    private static EventloomException timeout(InvocationContext context) {
        return new EventloomException(Kind.TIMEOUT, "Function '" + context.functionName() + "' did not finish event "
                + context.id() + " within its timeout of " + context.function().timeout().toMillis()
                + " ms; raise eventloom.function.\"" + context.functionName() + "\".timeout or make it faster");
    }
}
