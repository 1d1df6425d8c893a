package dev.eventloom.core.runtime.invoke;

import dev.eventloom.core.runtime.InvocationContext;
import io.smallrye.mutiny.Uni;

/**
 * The one contract every function invocation goes through, whatever the function's own signature. Decorators wrap
 * an invoker to add one behaviour each (offloading, timeout, event-loop guard); the returned {@code Uni} does its work
 * when subscribed, so each decorator controls where and when that happens.
 */
@FunctionalInterface
public interface Invoker {

    /** @return the function's result (its value, or {@code null} for no value) */
    Uni<Object> invoke(InvocationContext context);
}
