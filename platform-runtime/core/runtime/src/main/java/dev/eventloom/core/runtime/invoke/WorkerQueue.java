package dev.eventloom.core.runtime.invoke;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.jboss.logging.Logger;

import io.netty.channel.EventLoop;
import io.netty.channel.SingleThreadEventLoop;
import io.vertx.core.impl.ContextInternal;

/**
 * Hands blocking invocations from the event loops to the worker pool with as few thread wake-ups as the work allows.
 * <p>
 * Handing each invocation to a pool thread of its own wakes a sleeping thread per invocation, and on a busy CPU costs
 * two thread switches per request. Here invocations wait in one queue and pool threads ("drainers") run them one after
 * another without sleeping in between: an event loop that queues work while fewer drainers run than the JVM has CPUs
 * starts more when its current turn is over (after Netty's loop iteration, so the invocations of that turn go
 * together), up to one per CPU and one per waiting invocation, and a drainer runs what has queued until the queue is
 * empty. One CPU thus runs a turn's invocations on one thread; several CPUs run them in parallel at once.
 * <p>
 * A blocking function must never hold up the invocations queued behind it. When the oldest waiting invocation has
 * waited longer than {@link #STALL_NANOS} (its drainers are blocked in I/O, or busy with CPU-heavy functions), every
 * waiting invocation gets a drainer of its own, as if each had been handed to its own thread. The event loop that
 * queued work looks again after that delay for as long as invocations wait.
 */
public final class WorkerQueue {

    private static final Logger LOG = Logger.getLogger(WorkerQueue.class);

    /** How long the oldest waiting invocation may wait before every waiting one gets a drainer of its own. */
    static final long STALL_NANOS = TimeUnit.MICROSECONDS.toNanos(500);

    private final Executor pool;
    private final int parallelism;
    private final long stallNanos;
    private final ConcurrentLinkedQueue<Entry> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicInteger drainers = new AtomicInteger(); // started, running or about to
    private final AtomicInteger starting = new AtomicInteger(); // started and not yet running: a pool thread will come
    private final AtomicBoolean kickPending = new AtomicBoolean();
    private final AtomicBoolean watchPending = new AtomicBoolean();
    private final Runnable drainer = this::drain;

    /** @param pool the worker pool: Vert.x's, which in Quarkus is Quarkus's executor */
    public WorkerQueue(Executor pool) {
        this(pool, Runtime.getRuntime().availableProcessors(), STALL_NANOS);
    }

    /**
     * @param parallelism how many drainers may start without waiting for the stall rule: the CPUs there are to run them
     * @param stallNanos how long the oldest waiting invocation may wait before every waiting one gets a drainer
     */
    WorkerQueue(Executor pool, int parallelism, long stallNanos) {
        this.pool = pool;
        this.parallelism = Math.max(1, parallelism);
        this.stallNanos = stallNanos;
    }

    /**
     * Runs the task on a worker thread with {@code context} as its Vert.x context. Called on the context's event loop,
     * drainers start when the loop's turn is over; called on another thread (a worker finishing a step of a delivery),
     * at once.
     *
     * @param rejected told instead when the worker pool takes no more work (the application is stopping)
     */
    public void execute(ContextInternal context, Runnable task, Consumer<Throwable> rejected) {
        queue.offer(new Entry(context, task, rejected, System.nanoTime()));
        waiting.incrementAndGet();
        // Read after the offer: a drainer that stops reads the queue after it has counted itself out, so one of the
        // two sees the other.
        if (drainers.get() < parallelism && kickPending.compareAndSet(false, true)) {
            EventLoop loop = context.nettyEventLoop();
            afterThisTurn(loop, () -> kick(loop));
        } else {
            watch(context.nettyEventLoop());
        }
    }

    /** How many invocations wait for a thread; for tests and diagnostics. */
    int waiting() {
        return waiting.get();
    }

    private void kick(EventLoop loop) {
        kickPending.set(false);
        start(Math.min(waiting.get(), parallelism) - drainers.get());
        if (!queue.isEmpty()) {
            // The drainers counted may be blocked in a function (then none came for what waits), or block on what
            // they take first: the stall rule covers both.
            watch(loop);
        }
    }

    private void watch(EventLoop loop) {
        if (watchPending.compareAndSet(false, true)) {
            try {
                loop.schedule(() -> check(loop), stallNanos, TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException e) { // the loop is shutting down: so is the application
                watchPending.set(false);
            }
        }
    }

    private void check(EventLoop loop) {
        watchPending.set(false);
        Entry oldest = queue.peek();
        if (oldest == null) {
            return;
        }
        if (drainers.get() == 0 || System.nanoTime() - oldest.queuedAt >= stallNanos) {
            // One thread for each waiting invocation that no started drainer is coming for yet; with every pool
            // thread busy, drainers wait in the pool's queue and are not asked for again.
            start(waiting.get() - starting.get());
        }
        if (!queue.isEmpty()) {
            watch(loop);
        }
    }

    private void start(int count) {
        for (int i = 0; i < count; i++) {
            drainers.incrementAndGet();
            starting.incrementAndGet();
            try {
                pool.execute(drainer);
            } catch (RejectedExecutionException e) {
                drainers.decrementAndGet();
                starting.decrementAndGet();
                rejectAll(e);
                return;
            }
        }
    }

    private void drain() {
        starting.decrementAndGet();
        for (;;) {
            Entry entry;
            while ((entry = queue.poll()) != null) {
                waiting.decrementAndGet();
                entry.run();
            }
            drainers.decrementAndGet();
            if (queue.isEmpty()) {
                return;
            }
            drainers.incrementAndGet(); // queued after the last poll: this drainer takes it
        }
    }

    private void rejectAll(Throwable failure) {
        Entry entry;
        while ((entry = queue.poll()) != null) {
            waiting.decrementAndGet();
            entry.rejected.accept(failure);
        }
    }

    /** Runs the task once the loop's current iteration is over; at once where the loop cannot defer it. */
    private static void afterThisTurn(EventLoop loop, Runnable task) {
        if (loop instanceof SingleThreadEventLoop single && single.inEventLoop()) {
            try {
                single.executeAfterEventLoopIteration(task);
                return;
            } catch (RejectedExecutionException e) {
                // the loop is shutting down: start at once
            }
        }
        task.run();
    }

    private record Entry(ContextInternal context, Runnable task, Consumer<Throwable> rejected, long queuedAt) {

        void run() {
            ContextInternal previous = context.beginDispatch();
            try {
                task.run();
            } catch (Throwable e) { // the task reports its own failures; this keeps the drainer going
                LOG.error("A blocking invocation failed outside its function", e);
            } finally {
                context.endDispatch(previous);
            }
        }
    }
}
