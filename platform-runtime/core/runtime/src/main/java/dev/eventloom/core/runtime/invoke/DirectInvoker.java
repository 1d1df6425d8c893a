package dev.eventloom.core.runtime.invoke;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import java.util.function.Function;

import dev.eventloom.core.runtime.FunctionInvoker;
import dev.eventloom.core.runtime.InvocationContext;
import dev.eventloom.core.runtime.InvocationMdc;
import dev.eventloom.core.runtime.OutputShape;
import io.cloudevents.CloudEvent;
import io.netty.util.concurrent.ScheduledFuture;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;

/**
 * The fast lane: a function called from an event loop without the decorated {@code Uni} pipeline, with a callback for
 * its outcome. {@link InlineInvoker} calls an event-loop function on the calling thread, {@link OffloadedInvoker} hands
 * a blocking one to the worker pool or a virtual thread. Both keep what the pipeline gives a function: a CDI request
 * context of its own while it runs, its deadline, and one outcome reported on the caller's event loop. Without Vert.x,
 * {@link CallingThreadInvoker} is the fast lane of event-loop functions with a synchronous signature.
 */
public abstract sealed class DirectInvoker permits InlineInvoker, OffloadedInvoker, CallingThreadInvoker {

    private final FunctionInvoker invoker;
    private final Object bean;
    private final Function<CloudEvent, Object> inputBinder;
    private final OutputShape shape;
    private final ManagedContext requestContext;

    DirectInvoker(FunctionInvoker invoker, Object bean, Function<CloudEvent, Object> inputBinder, OutputShape shape) {
        this.invoker = invoker;
        this.bean = bean;
        this.inputBinder = inputBinder;
        this.shape = shape;
        this.requestContext = Arc.container().requestContext();
    }

    /**
     * Binds the input and calls the function; must be called where the fast lane applies
     * ({@link dev.eventloom.core.runtime.Execution#fastLaneHere}). {@code done} gets the function's result
     * ({@code null} for none) or its failure, exactly once, on this thread: before this method returns when the result
     * is there at once, else later on the caller's context.
     */
    public abstract void invoke(InvocationContext context, BiConsumer<Object, Throwable> done);

    /**
     * Calls the function on this thread with a request context of its own, and reports to {@code outcome}. The
     * request context ends when the call is over: when the method returns, or when the {@code Uni} or
     * {@code CompletionStage} it returned ends or is cancelled; never under a function still running.
     */
    final void call(InvocationContext context, Outcome outcome) {
        boolean activated = !requestContext.isActive();
        Runnable release = activated ? new Release(requestContext, requestContext.activate()) : () -> {
        };
        boolean pending = false;
        Object item = null;
        Throwable failure = null;
        boolean onCaller = Thread.currentThread() == outcome.callingThread;
        if (onCaller) {
            outcome.calling = true;
        }
        Object[] mdc = InvocationMdc.enter(context);
        try {
            Object result = invoker.invoke(bean, inputBinder.apply(context.cloudEvent()), context);
            Uni<?> later = switch (shape) {
                case VOID, VALUE -> null;
                case UNI -> (Uni<?>) result;
                case COMPLETION_STAGE -> result == null ? null
                        : Uni.createFrom().completionStage((CompletionStage<?>) result);
            };
            if (later != null) {
                pending = true;
                outcome.await(context, later, release); // subscribed while the request context is active
            } else if (shape == OutputShape.VALUE) {
                item = result;
            }
        } catch (Exception e) {
            failure = e;
        } finally {
            InvocationMdc.exit(mdc);
            if (activated) {
                requestContext.deactivate();
            }
            if (onCaller) {
                outcome.calling = false;
            }
        }
        if (!pending) {
            release.run();
            outcome.complete(item, failure);
        } else if (onCaller) {
            outcome.reportHeld();
        }
    }

    /**
     * Calls a function of a synchronous signature on this thread with a request context of its own (unless one is
     * active), and gives its result ({@code null} for {@code void}).
     */
    final Object callHere(InvocationContext context) throws Exception {
        boolean activated = !requestContext.isActive();
        if (activated) {
            requestContext.activate();
        }
        Object[] mdc = InvocationMdc.enter(context);
        try {
            Object result = invoker.invoke(bean, inputBinder.apply(context.cloudEvent()), context);
            return shape == OutputShape.VALUE ? result : null;
        } finally {
            InvocationMdc.exit(mdc);
            if (activated) {
                requestContext.terminate();
            }
        }
    }

    /** Destroys one request context, once, whichever of the function's end, its failure or a timeout comes first. */
    private static final class Release implements Runnable {
        private final ManagedContext requestContext;
        private final ContextState state;
        private final AtomicBoolean done = new AtomicBoolean();

        Release(ManagedContext requestContext, ContextState state) {
            this.requestContext = requestContext;
            this.state = state;
        }

        @Override
        public void run() {
            if (done.compareAndSet(false, true)) {
                requestContext.destroy(state);
            }
        }
    }

    /**
     * The end of one invocation, created on the caller's event loop: reported once, there, with the deadline's timer
     * cancelled. Whatever completes it first (the function, its failure, the timer) wins; later signals are dropped.
     */
    final class Outcome {
        private final BiConsumer<Object, Throwable> done;
        private final ContextInternal caller = (ContextInternal) Vertx.currentContext();
        private final Thread callingThread = Thread.currentThread();
        private final AtomicBoolean finished = new AtomicBoolean();
        private volatile Cancellable subscription;
        private volatile Runnable release;
        // only touched on the caller's thread:
        private ScheduledFuture<?> timer;
        private boolean calling; // inside call() on this thread: the outcome waits until the request context is off
        private boolean held;
        private Object heldItem;
        private Throwable heldFailure;

        Outcome(BiConsumer<Object, Throwable> done) {
            this.done = done;
        }

        boolean finished() {
            return finished.get();
        }

        /**
         * Starts the deadline's timer on the caller's event loop: when it goes off first, the invocation times out. A
         * task of the loop itself rather than a Vert.x timer, which would cost a map entry and a handler per call; it
         * runs on the caller's context all the same.
         */
        void startTimer(InvocationContext context) {
            long left = Duration.between(Instant.now(), context.deadline()).toMillis();
            timer = caller.nettyEventLoop().schedule(() -> caller.dispatch(ignored -> timedOut(context)),
                    Math.max(1, left), TimeUnit.MILLISECONDS);
        }

        private void timedOut(InvocationContext context) {
            if (complete(null, TimeoutInvoker.timeout(context))) {
                Cancellable running = subscription;
                if (running != null) {
                    running.cancel();
                    release.run();
                }
            }
        }

        /** Waits for a result that comes later; starts the timer when it is not there at once and none runs yet. */
        void await(InvocationContext context, Uni<?> result, Runnable release) {
            this.release = release;
            subscription = result.subscribe().with(item -> {
                release.run();
                complete(item, null);
            }, failure -> {
                release.run();
                complete(null, failure);
            });
            if (finished.get()) { // it came at once, or the timer went off before the subscription was there
                subscription.cancel();
                release.run();
                return;
            }
            if (Thread.currentThread() == callingThread && timer == null) {
                startTimer(context);
            }
        }

        /** @return whether this call ended the invocation */
        boolean complete(Object item, Throwable failure) {
            if (!finished.compareAndSet(false, true)) {
                return false;
            }
            if (Thread.currentThread() != callingThread) {
                caller.runOnContext(ignored -> end(item, failure));
            } else if (calling) { // a Uni that completed at once: reported once its call is over
                held = true;
                heldItem = item;
                heldFailure = failure;
            } else {
                end(item, failure);
            }
            return true;
        }

        void reportHeld() {
            if (held) {
                held = false;
                end(heldItem, heldFailure);
            }
        }

        private void end(Object item, Throwable failure) {
            if (timer != null) {
                timer.cancel(false);
            }
            done.accept(item, failure);
        }
    }
}
