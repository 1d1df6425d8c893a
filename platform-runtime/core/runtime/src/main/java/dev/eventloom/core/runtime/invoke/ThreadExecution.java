package dev.eventloom.core.runtime.invoke;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import dev.eventloom.core.runtime.DispatchMode;
import dev.eventloom.core.runtime.EventFunction;
import dev.eventloom.core.runtime.Execution;
import dev.eventloom.core.runtime.HeaderValues;
import dev.eventloom.core.runtime.Execution.Posted;
import dev.eventloom.core.runtime.OutputShape;
import io.cloudevents.CloudEvent;
import io.cloudevents.http.HttpMessageFactory;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;
import io.quarkus.runtime.ExecutorRecorder;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

/**
 * {@link Execution} for an application without Vert.x: event-loop functions run on the calling thread (a Lambda
 * runtime's thread takes one invocation at a time, so there is no loop to keep free; those with a synchronous
 * signature through {@link CallingThreadInvoker}, without a {@code Uni} pipeline), blocking ones on Quarkus's worker
 * pool, virtual-thread ones on a virtual thread. Timers run on the worker pool's scheduler when it has one,
 * else on a timer thread of their own, started at the first timer; events are posted with the JDK's HTTP client. CDI's
 * request context lives on the thread, so each invocation activates its own where it runs. Nothing here refers to
 * Vert.x.
 */
@Singleton
public final class ThreadExecution implements Execution {

    private final Executor workers;
    private volatile ScheduledExecutorService timers;
    private boolean ownTimers;
    private volatile HttpClient client;

    public ThreadExecution() {
        this(ExecutorRecorder.getCurrent());
    }

    ThreadExecution(Executor workers) {
        this.workers = workers;
    }

    @Override
    public String where(DispatchMode mode) {
        return mode == DispatchMode.EVENT_LOOP ? "the calling thread (this application has no Vert.x)"
                : mode.description();
    }

    @Override
    public boolean fastLaneHere() {
        return true;
    }

    @Override
    public <T> Uni<T> onCaller(Uni<T> result) {
        return result;
    }

    @Override
    public Cancellable schedule(long delayMillis, Runnable task) {
        ScheduledFuture<?> timer = timers().schedule(task, Math.max(1, delayMillis), TimeUnit.MILLISECONDS);
        return () -> timer.cancel(false);
    }

    /** Worker threads keep their priority here: with no event loops there is nothing for them to give way to. */
    @Override
    public Uni<Object> dispatch(Uni<Object> invocation, DispatchMode mode, Executor virtualThreads,
            WorkerPriority workerPriority) {
        return switch (mode) {
            case EVENT_LOOP -> invocation;
            case WORKER -> invocation.runSubscriptionOn(workers);
            case VIRTUAL_THREAD -> invocation.runSubscriptionOn(virtualThreads);
        };
    }

    @Override
    public void isolated(Runnable task) {
        ManagedContext requestContext = Arc.container().requestContext();
        if (!requestContext.isActive()) {
            task.run();
            return;
        }
        ContextState state = requestContext.getState();
        requestContext.deactivate();
        try {
            task.run();
        } finally {
            requestContext.activate(state);
        }
    }

    @Override
    public DirectInvoker fastLane(EventFunction function, FastLane lane) {
        boolean synchronous = lane.shape() == OutputShape.VALUE || lane.shape() == OutputShape.VOID;
        return function.dispatchMode() == DispatchMode.EVENT_LOOP && synchronous
                ? new CallingThreadInvoker(lane.invoker(), lane.bean(), lane.binder(), lane.shape(),
                        lane.guardThreshold(), lane.blocked())
                : null;
    }

    @Override
    public Uni<Posted> post(URI target, CloudEvent event, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(timeout);
        // The writer ends with the data, null for an event without any
        HttpMessageFactory.createWriter(request::header, bytes -> request.POST(bytes == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(bytes)))
                .writeBinary(HeaderValues.encoded(event));
        return Uni.createFrom().completionStage(() -> client().sendAsync(request.build(),
                HttpResponse.BodyHandlers.discarding()))
                .map(response -> new Posted(response.statusCode(), response.headers().firstValue("Location").orElse(null)));
    }

    private HttpClient client() {
        HttpClient current = client;
        if (current == null) {
            synchronized (this) {
                if (client == null) {
                    client = HttpClient.newBuilder().executor(workers).followRedirects(HttpClient.Redirect.NEVER).build();
                }
                current = client;
            }
        }
        return current;
    }

    private ScheduledExecutorService timers() {
        ScheduledExecutorService current = timers;
        if (current == null) {
            synchronized (this) {
                if (timers == null) {
                    if (workers instanceof ScheduledExecutorService scheduler) {
                        timers = scheduler;
                    } else {
                        ScheduledThreadPoolExecutor own = new ScheduledThreadPoolExecutor(1, task -> {
                            Thread thread = new Thread(task, "eventloom-timer");
                            thread.setDaemon(true);
                            return thread;
                        });
                        own.setRemoveOnCancelPolicy(true);
                        ownTimers = true;
                        timers = own;
                    }
                }
                current = timers;
            }
        }
        return current;
    }

    /** Stops what this execution started: its timer thread, its HTTP client. */
    @PreDestroy
    public synchronized void close() {
        if (ownTimers && timers != null) {
            timers.shutdownNow();
        }
        if (client != null) {
            client.shutdownNow();
            client = null;
        }
    }
}
