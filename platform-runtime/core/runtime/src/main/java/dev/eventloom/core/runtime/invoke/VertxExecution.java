package dev.eventloom.core.runtime.invoke;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.eventloom.core.runtime.DispatchMode;
import dev.eventloom.core.runtime.EventFunction;
import dev.eventloom.core.runtime.Execution;
import dev.eventloom.core.runtime.HeaderValues;
import dev.eventloom.core.runtime.Execution.Posted;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.vertx.VertxMessageFactory;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;

/** {@link Execution} on the application's Vert.x: its event loops, its worker pool, its timers, its web client. */
@Singleton
public final class VertxExecution implements Execution {

    private final Vertx vertx;
    private final WorkerQueue workers;
    private volatile WebClient client;

    @Inject
    public VertxExecution(Vertx vertx) {
        this.vertx = vertx;
        this.workers = new WorkerQueue(((VertxInternal) vertx).getWorkerPool().executor());
    }

    @Override
    public String where(DispatchMode mode) {
        return mode.description();
    }

    @Override
    public boolean fastLaneHere() {
        return Context.isOnEventLoopThread() && Vertx.currentContext() != null;
    }

    @Override
    public <T> Uni<T> onCaller(Uni<T> result) {
        Context caller = Vertx.currentContext();
        if (caller == null) {
            return result;
        }
        boolean eventLoop = caller.isEventLoopContext();
        return result.emitOn(command -> {
            // Inside executeBlocking the caller's context is current on a worker thread too: compare threads as well.
            if (Vertx.currentContext() == caller && (!eventLoop || Context.isOnEventLoopThread())) {
                command.run();
            } else {
                caller.runOnContext(ignored -> command.run());
            }
        });
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        long timer = vertx.setTimer(Math.max(1, delayMillis), ignored -> task.run());
        return () -> vertx.cancelTimer(timer);
    }

    @Override
    public Uni<Object> dispatch(Uni<Object> invocation, DispatchMode mode, Executor virtualThreads,
            WorkerPriority workerPriority) {
        return switch (mode) {
            case EVENT_LOOP -> Context.isOnEventLoopThread() ? invocation
                    : invocation.runSubscriptionOn(command -> eventLoopContext().runOnContext(ignored -> command.run()));
            case WORKER -> onWorker(invocation, workerPriority);
            case VIRTUAL_THREAD -> invocation.runSubscriptionOn(
                    command -> isolated().runOnContext(ignored -> virtualThreads.execute(command)));
        };
    }

    /**
     * Subscribes to the invocation on a worker thread through the same {@link WorkerQueue} as the fast lane's blocking
     * invocations; a worker pool that takes no more work (the application is stopping) fails it at once. Cancelling
     * (a deadline) before it started keeps it from starting, and after cancels what the function returned.
     */
    private Uni<Object> onWorker(Uni<Object> invocation, WorkerPriority workerPriority) {
        return Uni.createFrom().emitter(emitter -> {
            AtomicBoolean over = new AtomicBoolean(); // cancelled, or failed because the pool refused it
            AtomicReference<Cancellable> running = new AtomicReference<>();
            emitter.onTermination(() -> {
                over.set(true);
                cancel(running.get());
            });
            workers.execute((ContextInternal) isolated(), () -> {
                if (over.get()) {
                    return;
                }
                long started = workerPriority.starting();
                try {
                    running.set(invocation.subscribe().with(emitter::complete, emitter::fail));
                } finally {
                    workerPriority.ran(started);
                }
                if (over.get()) { // cancelled while subscribing
                    cancel(running.get());
                }
            }, emitter::fail);
        });
    }

    private static void cancel(Cancellable subscription) {
        if (subscription != null) {
            subscription.cancel();
        }
    }

    @Override
    public void isolated(Runnable task) {
        Context current = Vertx.currentContext();
        VertxContext.createNewDuplicatedContext(current != null ? current : vertx.getOrCreateContext())
                .runOnContext(ignored -> task.run());
    }

    @Override
    public DirectInvoker fastLane(EventFunction function, FastLane lane) {
        return function.dispatchMode() == DispatchMode.EVENT_LOOP
                ? new InlineInvoker(lane.invoker(), lane.bean(), lane.binder(), lane.shape(), lane.guardThreshold(),
                        lane.blocked())
                : new OffloadedInvoker(lane.invoker(), lane.bean(), lane.binder(), lane.shape(), lane.virtualThreads(),
                        workers, lane.workerPriority());
    }

    @Override
    public Uni<Posted> post(URI target, CloudEvent event, Duration timeout) {
        return Uni.createFrom().emitter(emitter -> VertxMessageFactory.createWriter(client().postAbs(target.toString())
                .timeout(timeout.toMillis()))
                .writeBinary(HeaderValues.encoded(event))
                .onComplete(result -> {
                    if (result.failed()) {
                        emitter.fail(result.cause());
                    } else {
                        emitter.complete(new Posted(result.result().statusCode(),
                                result.result().getHeader("Location")));
                    }
                }));
    }

    private WebClient client() {
        WebClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    // A sink's redirect is a refusal: following it would re-send the event (as a GET after a 303) to an
                    // address nobody configured
                    client = WebClient.create(vertx, new WebClientOptions().setFollowRedirects(false));
                }
                current = client;
            }
        }
        return current;
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
