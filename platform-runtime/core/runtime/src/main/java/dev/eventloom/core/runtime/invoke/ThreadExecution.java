package dev.eventloom.core.runtime.invoke;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.eventloom.core.runtime.DispatchMode;
import dev.eventloom.core.runtime.Execution;
import io.quarkus.runtime.ExecutorRecorder;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Vertx;

/**
 * {@link Execution} for an application without Vert.x: event-loop functions run on the calling thread (a Lambda
 * runtime's thread takes one invocation at a time, so there is no loop to keep free), blocking ones on Quarkus's
 * worker pool, virtual-thread ones on a virtual thread. Timers run on the worker pool's scheduler when it has one,
 * else on a timer thread of their own, started at the first timer. CDI's request context lives on the thread, so each
 * invocation activates its own where it runs.
 */
@Singleton
public final class ThreadExecution implements Execution {

    private static final Logger LOG = Logger.getLogger(ThreadExecution.class);

    private final Executor workers;
    private volatile ScheduledExecutorService timers;
    private boolean ownTimers;
    private Vertx vertx;

    public ThreadExecution() {
        this(ExecutorRecorder.getCurrent());
    }

    ThreadExecution(Executor workers) {
        this.workers = workers;
    }

    @Override
    public boolean eventLoops() {
        return false;
    }

    @Override
    public boolean onEventLoop() {
        return false;
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

    @Override
    public Uni<Object> dispatch(Uni<Object> invocation, DispatchMode mode, Executor virtualThreads,
            WorkerPriority workerPriority) {
        return switch (mode) {
            case EVENT_LOOP -> invocation;
            case WORKER -> invocation.runSubscriptionOn(command -> workers.execute(() -> {
                workerPriority.apply();
                command.run();
            }));
            case VIRTUAL_THREAD -> invocation.runSubscriptionOn(virtualThreads);
        };
    }

    @Override
    public synchronized Vertx vertx() {
        if (vertx == null) {
            LOG.debug("Starting a Vert.x for HTTP clients: the application has none of its own");
            vertx = Vertx.vertx();
        }
        return vertx;
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

    /** Stops what this execution started: its timer thread, its Vert.x. */
    @PreDestroy
    public synchronized void close() {
        if (ownTimers && timers != null) {
            timers.shutdownNow();
        }
        if (vertx != null) {
            vertx.close();
            vertx = null;
        }
    }
}
