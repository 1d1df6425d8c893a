package dev.eventloom.core.runtime.invoke;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.eventloom.core.runtime.FunctionInvoker;
import dev.eventloom.core.runtime.InvocationContext;
import dev.eventloom.core.runtime.OutputShape;
import io.cloudevents.CloudEvent;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The fast lane for an event-loop function called on an event loop: the function runs on the calling thread with no
 * hand-off and no decorator pipeline. A synchronous signature (a value or {@code void}) needs no timer either: a call on
 * the event loop cannot be interrupted, so its result is there when it returns. A {@code Uni} or {@code CompletionStage}
 * that completes at once (the usual case for a non-blocking function) is taken as it is; only one that completes later
 * gets a timer for its deadline. It keeps what the decorated chain gives the function: a CDI request context of its
 * own, destroyed when the invocation ends however it ends, and the event-loop guard's warning.
 */
public final class InlineInvoker {

    private final FunctionInvoker invoker;
    private final Object bean;
    private final Function<CloudEvent, Object> inputBinder;
    private final OutputShape shape;
    private final long thresholdNanos;
    private final Runnable blocked;
    private final Vertx vertx;
    private final ManagedContext requestContext;

    public InlineInvoker(FunctionInvoker invoker, Object bean, Function<CloudEvent, Object> inputBinder,
            OutputShape shape, Duration guardThreshold, Runnable blocked, Vertx vertx) {
        this.invoker = invoker;
        this.bean = bean;
        this.inputBinder = inputBinder;
        this.shape = shape;
        this.thresholdNanos = guardThreshold.toNanos();
        this.blocked = blocked;
        this.vertx = vertx;
        this.requestContext = Arc.container().requestContext();
    }

    /**
     * Binds the input and calls the function on this thread (an event loop). {@code done} gets the function's result
     * ({@code null} for none) or its failure, exactly once: before this method returns when the result is there at
     * once, else later on this event loop's context.
     */
    public void invoke(InvocationContext context, BiConsumer<Object, Throwable> done) {
        boolean activated = !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        ContextState state = activated ? requestContext.getState() : null;
        Outcome outcome = new Outcome(done, state);
        long start = System.nanoTime();
        try {
            Object result = invoker.invoke(bean, inputBinder.apply(context.cloudEvent()), context);
            switch (shape) {
                case VOID, VALUE -> outcome.complete(result, null);
                case UNI -> outcome.await(context, result == null ? null : (Uni<?>) result);
                case COMPLETION_STAGE -> outcome.await(context,
                        result == null ? null : Uni.createFrom().completionStage((CompletionStage<?>) result));
            }
        } catch (Exception e) {
            outcome.complete(null, e);
        } finally {
            if (activated) {
                requestContext.deactivate();
            }
            EventLoopGuardInvoker.warnIfHeld(System.nanoTime() - start, thresholdNanos, blocked, context);
        }
    }

    /** The end of one invocation: once, with the request context destroyed and the timer cancelled. */
    private final class Outcome {
        private final BiConsumer<Object, Throwable> done;
        private final ContextState requestState;
        private final Context caller = Vertx.currentContext();
        private final Thread callingThread = Thread.currentThread();
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile Cancellable subscription;
        private long timer = -1;

        Outcome(BiConsumer<Object, Throwable> done, ContextState requestState) {
            this.done = done;
            this.requestState = requestState;
        }

        void await(InvocationContext context, Uni<?> result) {
            if (result == null) {
                complete(null, null);
                return;
            }
            subscription = result.subscribe().with(item -> complete(item, null), failure -> complete(null, failure));
            if (finished.get()) {
                return;
            }
            long left = Duration.between(Instant.now(), context.deadline()).toMillis();
            timer = vertx.setTimer(Math.max(1, left), ignored -> {
                if (complete(null, TimeoutInvoker.timeout(context))) {
                    subscription.cancel();
                }
            });
        }

        /** @return whether this call ended the invocation */
        boolean complete(Object item, Throwable failure) {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            if (Thread.currentThread() == callingThread) {
                end(item, failure);
            } else {
                caller.runOnContext(ignored -> end(item, failure));
            }
            return true;
        }

        private void end(Object item, Throwable failure) {
            if (timer >= 0) {
                vertx.cancelTimer(timer);
            }
            if (requestState != null) {
                requestContext.destroy(requestState);
            }
            done.accept(item, failure);
        }
    }

}
