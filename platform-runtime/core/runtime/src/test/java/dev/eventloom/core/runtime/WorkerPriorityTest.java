package dev.eventloom.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.eventloom.core.runtime.invoke.WorkerPriority;
import io.quarkus.runtime.configuration.ConfigurationException;

class WorkerPriorityTest {

    static int nice() throws Exception {
        String stat = Files.readString(Path.of("/proc/thread-self/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }

    /**
     * Runs "blocking functions" of the given lengths one after another on a new thread, as a worker does, and returns the
     * thread's nice value as the last of them saw it.
     */
    static int niceInLastFunction(WorkerPriority priority, long... millis) throws Exception {
        AtomicInteger seen = new AtomicInteger(-100);
        Thread thread = new Thread(() -> {
            try {
                for (long length : millis) {
                    long started = priority.starting();
                    try {
                        Thread.sleep(length);
                        seen.set(nice());
                    } finally {
                        priority.ran(started);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        thread.join();
        return seen.get();
    }

    /** The native call is linked off the worker that asked for it; until then threads keep their value. */
    static void awaitLinked(WorkerPriority priority) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(60)).until(priority::linked);
    }

    @Test
    void workerThreadsTakeTheNiceValueOnceOneHasBeenBusyLongEnough() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self")), "Linux only");
        assumeTrue(Runtime.version().feature() >= 22, "needs the JDK's FFM API");
        int before = nice();
        WorkerPriority priority = new WorkerPriority(7);

        assertEquals(before, niceInLastFunction(priority, 0, 1, 0, 1), "short functions leave the thread alone");
        Thread.sleep(100);
        assertFalse(priority.linked(), "nothing is linked for an application whose blocking functions are short");

        niceInLastFunction(priority, 20, 20, 20); // one worker busy for 60 ms in all
        awaitLinked(priority);
        assertEquals(7, niceInLastFunction(priority, 0), "from then on a worker takes the nice value at once");
        assertEquals(before, nice(), "the calling thread is untouched");
    }

    @Test
    void zeroLeavesWorkerThreadsAlone() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self")), "Linux only");
        int before = nice();
        WorkerPriority priority = new WorkerPriority(0);
        assertEquals(before, niceInLastFunction(priority, 60, 0));
        assertFalse(priority.linked());
    }

    @Test
    void valuesOutsideTheNiceRangeAreRefused() {
        assertThrows(ConfigurationException.class, () -> new WorkerPriority(20));
        assertThrows(ConfigurationException.class, () -> new WorkerPriority(-1));
    }
}
