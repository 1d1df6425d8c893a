package dev.eventloom.core.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

    static int niceAfter(WorkerPriority priority, int applications) throws Exception {
        AtomicInteger seen = new AtomicInteger(-100);
        Thread thread = new Thread(() -> {
            try {
                for (int i = 0; i < applications; i++) {
                    priority.apply();
                }
                seen.set(nice());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        thread.start();
        thread.join();
        return seen.get();
    }

    @Test
    void aWorkerThreadTakesTheConfiguredNiceValueAndOtherThreadsKeepTheirs() throws Exception {
        assumeTrue(Files.exists(Path.of("/proc/thread-self")), "Linux only");
        assumeTrue(Runtime.version().feature() >= 22, "needs the JDK's FFM API");
        int before = nice();
        assertEquals(7, niceAfter(new WorkerPriority(7), 3));
        assertEquals(before, nice(), "the calling thread is untouched");
        assertEquals(before, niceAfter(new WorkerPriority(0), 1), "0 leaves threads alone");
    }

    @Test
    void valuesOutsideTheNiceRangeAreRefused() {
        assertThrows(ConfigurationException.class, () -> new WorkerPriority(20));
        assertThrows(ConfigurationException.class, () -> new WorkerPriority(-1));
    }
}
