package dev.eventloom.core.runtime.invoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.vertx.core.Vertx;
import io.vertx.core.impl.ContextInternal;
import io.vertx.core.impl.VertxInternal;

class WorkerQueueTest {

    private Vertx vertx;
    private ExecutorService threads;
    private final AtomicInteger started = new AtomicInteger();

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        threads = Executors.newCachedThreadPool();
    }

    @AfterEach
    void stop() throws Exception {
        threads.shutdownNow();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    /** The pool, counting the threads the queue asks it for. */
    private void pool(Runnable drainer) {
        started.incrementAndGet();
        threads.execute(drainer);
    }

    /** Runs {@code submit} in one turn of an event loop, with a duplicated context per task as the invoker gives. */
    private void onEventLoop(java.util.function.Consumer<ContextInternal> submit) {
        ContextInternal loop = (ContextInternal) vertx.getOrCreateContext();
        loop.runOnContext(ignored -> submit.accept(loop));
    }

    @Test
    void onOneCpuInvocationsQueuedInOneTurnShareOneThread() throws Exception {
        WorkerQueue queue = new WorkerQueue(this::pool, 1, TimeUnit.SECONDS.toNanos(30));
        int count = 50;
        CountDownLatch done = new CountDownLatch(count);
        Set<Thread> ranOn = ConcurrentHashMap.newKeySet();
        onEventLoop(loop -> {
            for (int i = 0; i < count; i++) {
                queue.execute(loop.duplicate(), () -> {
                    ranOn.add(Thread.currentThread());
                    done.countDown();
                }, failure -> {
                });
            }
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(1, started.get(), "one drainer for the whole turn");
        assertEquals(1, ranOn.size());
        assertFalse(ranOn.iterator().next().getName().contains("eventloop"), "not on the event loop");
    }

    @Test
    void withSeveralCpusATurnsInvocationsRunInParallelAtOnce() throws Exception {
        WorkerQueue queue = new WorkerQueue(this::pool, 3, TimeUnit.SECONDS.toNanos(30)); // no stall rule in time
        CountDownLatch arrived = new CountDownLatch(3);
        AtomicInteger together = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(3);
        onEventLoop(loop -> {
            for (int i = 0; i < 3; i++) {
                queue.execute(loop.duplicate(), () -> {
                    arrived.countDown();
                    try {
                        if (arrived.await(10, TimeUnit.SECONDS)) { // only if all three run at the same time
                            together.incrementAndGet();
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    done.countDown();
                }, failure -> {
                });
            }
        });
        assertTrue(done.await(30, TimeUnit.SECONDS));
        assertEquals(3, together.get(), "the three invocations ran at once, one drainer per CPU");
        assertEquals(3, started.get());
    }

    @Test
    void eachTaskRunsOnTheContextItWasGiven() throws Exception {
        WorkerQueue queue = new WorkerQueue(this::pool);
        AtomicInteger matched = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(3);
        onEventLoop(loop -> {
            for (int i = 0; i < 3; i++) {
                ContextInternal own = loop.duplicate();
                queue.execute(own, () -> {
                    if (Vertx.currentContext() == own) {
                        matched.incrementAndGet();
                    }
                    done.countDown();
                }, failure -> {
                });
            }
        });
        assertTrue(done.await(10, TimeUnit.SECONDS));
        assertEquals(3, matched.get());
    }

    @Test
    void aBlockedTaskDoesNotHoldUpTheOnesBehindIt() throws Exception {
        WorkerQueue queue = new WorkerQueue(this::pool);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch secondRan = new CountDownLatch(1);
        AtomicReference<Thread> first = new AtomicReference<>();
        AtomicReference<Thread> second = new AtomicReference<>();
        onEventLoop(loop -> {
            queue.execute(loop.duplicate(), () -> {
                first.set(Thread.currentThread());
                await(release);
            }, failure -> {
            });
            queue.execute(loop.duplicate(), () -> {
                second.set(Thread.currentThread());
                secondRan.countDown();
            }, failure -> {
            });
        });
        try {
            assertTrue(secondRan.await(10, TimeUnit.SECONDS), "the second task ran while the first was blocked");
            assertNotEquals(first.get(), second.get());
        } finally {
            release.countDown();
        }
    }

    @Test
    void aLoneTaskQueuedWhileTheOnlyDrainerIsBlockedStillRuns() throws Exception {
        // Two CPUs, one drainer blocked: the kick sees as many drainers as waiting tasks and starts none, so only the
        // stall rule can run the task. (CI found this: DispatchTest's last request, queued alone, waited for the parked
        // function to return.)
        WorkerQueue queue = new WorkerQueue(this::pool, 2, WorkerQueue.STALL_NANOS);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch ran = new CountDownLatch(1);
        try {
            blockOneDrainer(queue, release);
            onEventLoop(loop -> queue.execute(loop.duplicate(), ran::countDown, failure -> {
            }));
            assertTrue(ran.await(10, TimeUnit.SECONDS), "the task queued behind a blocked drainer ran");
            assertEquals(2, started.get());
        } finally {
            release.countDown();
        }
    }

    @Test
    void withEveryPoolThreadBusyWaitingInvocationsAreNotAskedForAgainAndAgain() throws Exception {
        ExecutorService one = Executors.newSingleThreadExecutor();
        AtomicInteger asked = new AtomicInteger();
        WorkerQueue queue = new WorkerQueue(drainer -> {
            asked.incrementAndGet();
            one.execute(drainer);
        }, 1, WorkerQueue.STALL_NANOS);
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(5);
        try {
            blockOneDrainer(queue, release);
            onEventLoop(loop -> {
                for (int i = 0; i < 5; i++) {
                    queue.execute(loop.duplicate(), done::countDown, failure -> {
                    });
                }
            });
            Thread.sleep(300); // some 600 looks at the stalled queue
            assertTrue(asked.get() <= 6, "the pool was asked for " + asked.get() + " threads for 6 invocations");
            release.countDown();
            assertTrue(done.await(10, TimeUnit.SECONDS));
        } finally {
            release.countDown();
            one.shutdownNow();
        }
    }

    @Test
    void tasksQueuedLaterWhileDrainersRunOrStopAreNeverLost() throws Exception {
        WorkerQueue queue = new WorkerQueue(this::pool);
        int turns = 2_000;
        int perTurn = 5;
        CountDownLatch done = new CountDownLatch(turns * perTurn);
        ContextInternal loop = (ContextInternal) vertx.getOrCreateContext();
        for (int t = 0; t < turns; t++) {
            loop.runOnContext(ignored -> {
                for (int i = 0; i < perTurn; i++) {
                    queue.execute(loop.duplicate(), done::countDown, failure -> {
                    });
                }
            });
            if (t % 100 == 0) {
                Thread.sleep(1); // let drainers run dry and stop now and then
            }
        }
        assertTrue(done.await(30, TimeUnit.SECONDS), done.getCount() + " tasks never ran");
        assertEquals(0, queue.waiting());
    }

    @Test
    void tasksBlockedUntilAllOthersRanHoldUpNoneOfThemWhateverTheInterleaving() throws Exception {
        // Some tasks block until every other task has run: whatever the interleaving of blocked drainers, kicks,
        // looks and drainers stopping on several event loops, the others must all run around them.
        WorkerQueue queue = new WorkerQueue(this::pool, 2, WorkerQueue.STALL_NANOS);
        int loops = 4;
        int turns = 200;
        CountDownLatch others = new CountDownLatch(loops * turns * 3);
        AtomicInteger blockers = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<ContextInternal> contexts = new ArrayList<>();
        for (int l = 0; l < loops; l++) {
            contexts.add(((VertxInternal) vertx).createEventLoopContext());
        }
        try {
            for (int t = 0; t < turns; t++) {
                for (ContextInternal loop : contexts) {
                    loop.runOnContext(ignored -> {
                        ThreadLocalRandom random = ThreadLocalRandom.current();
                        for (int i = 0; i < 3; i++) {
                            if (random.nextInt(50) == 0) {
                                blockers.incrementAndGet();
                                queue.execute(loop.duplicate(), () -> await(release), failure -> {
                                });
                            }
                            queue.execute(loop.duplicate(), others::countDown, failure -> {
                            });
                        }
                    });
                }
                if (t % 10 == 0) {
                    Thread.sleep(1); // let the queue run dry now and then, so that drainers stop and start again
                }
            }
            assertTrue(others.await(30, TimeUnit.SECONDS), others.getCount() + " tasks never ran beside "
                    + blockers.get() + " blocked ones");
        } finally {
            release.countDown();
        }
    }

    @Test
    void aPoolThatTakesNoMoreWorkFailsWhatWaits() throws Exception {
        WorkerQueue queue = new WorkerQueue(drainer -> {
            throw new RejectedExecutionException("shut down");
        });
        CountDownLatch failed = new CountDownLatch(2);
        AtomicInteger ran = new AtomicInteger();
        onEventLoop(loop -> {
            for (int i = 0; i < 2; i++) {
                queue.execute(loop.duplicate(), ran::incrementAndGet, failure -> {
                    if (failure instanceof RejectedExecutionException) {
                        failed.countDown();
                    }
                });
            }
        });
        assertTrue(failed.await(10, TimeUnit.SECONDS));
        assertEquals(0, ran.get());
        assertEquals(0, queue.waiting());
    }

    @Test
    void aTaskThatThrowsLeavesTheDrainerGoing() throws Exception {
        WorkerQueue queue = new WorkerQueue(this::pool, 1, TimeUnit.SECONDS.toNanos(30));
        CountDownLatch after = new CountDownLatch(1);
        onEventLoop(loop -> {
            queue.execute(loop.duplicate(), () -> {
                throw new IllegalStateException("escaped its function");
            }, failure -> {
            });
            queue.execute(loop.duplicate(), after::countDown, failure -> {
            });
        });
        assertTrue(after.await(10, TimeUnit.SECONDS));
        assertEquals(1, started.get());
    }

    /** Queues a task that blocks its drainer until {@code release}, and waits until it does. */
    private void blockOneDrainer(WorkerQueue queue, CountDownLatch release) throws InterruptedException {
        CountDownLatch blocked = new CountDownLatch(1);
        onEventLoop(loop -> queue.execute(loop.duplicate(), () -> {
            blocked.countDown();
            await(release);
        }, failure -> {
        }));
        assertTrue(blocked.await(10, TimeUnit.SECONDS), "a drainer took the blocking task");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
