package dev.eventloom.core.runtime.invoke;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

/**
 * Raises the Linux nice value of the worker threads of an application whose blocking functions keep them busy, so that
 * when CPU-heavy functions and the event loops want the same cores, the event loops get the larger share: one event
 * loop serves many events, a worker serves one. It only matters under contention; an idle machine runs workers at full
 * speed.
 * <p>
 * Linux only, through {@code setpriority(2)} called with the JDK's foreign function API (JDK 22+, looked up
 * reflectively because the platform compiles for Java 21). Linking that call costs a JVM time and memory (the
 * linker's classes and the code it generates), which an application whose blocking functions are short should not
 * pay, least of all on its first event. So nothing is linked until one worker thread has spent {@value #BUSY_MILLIS} ms in blocking functions; then a
 * thread of its own links the call, and from then on every worker thread takes the nice value before the next
 * blocking function it runs. Where the call is unavailable (another OS, JDK 21, a native image, native access denied)
 * it logs once at debug level and changes nothing. The build adds {@code Enable-Native-Access} to the runner's
 * manifest, so the JDK allows the call without a warning.
 * <p>
 * Not {@code SCHED_IDLE}, although it gives way faster: a JVM whose workers barely get a CPU makes every thread wait
 * at safepoints for them, which shows as very long tail latencies beside a CPU-burning function.
 */
public final class WorkerPriority {

    /** How long one worker thread runs blocking functions, in all, before the call is linked. */
    static final long BUSY_MILLIS = 50;

    private static final long BUSY_NANOS = BUSY_MILLIS * 1_000_000;
    /** What {@link #starting()} returns when {@link #ran(long)} has nothing to count. */
    private static final long NOTHING_TO_COUNT = Long.MIN_VALUE;
    private static final Logger LOG = Logger.getLogger(WorkerPriority.class);
    private static final ThreadLocal<Busy> BUSY = ThreadLocal.withInitial(Busy::new);
    private static final int PRIO_PROCESS = 0;

    private final int nice;
    private final AtomicBoolean linking = new AtomicBoolean();
    private volatile MethodHandle setpriority;
    private volatile boolean unavailable;

    /** A worker thread's time in blocking functions, and whether it has taken the nice value. */
    private static final class Busy {
        long nanos;
        boolean lowered;
    }

    /** @param nice the nice value for worker threads, 1 to 19; 0 leaves them as they are */
    public WorkerPriority(int nice) {
        if (nice < 0 || nice > 19) {
            throw new io.quarkus.runtime.configuration.ConfigurationException(
                    "eventloom.worker-nice must be between 0 (unchanged) and 19, got " + nice);
        }
        // A native image has no foreign function support registered for this: leave its threads alone.
        this.nice = io.quarkus.runtime.ImageMode.current().isNativeImage() ? 0 : nice;
    }

    /**
     * Called on a worker thread before it runs a blocking function: gives the thread the nice value once the call is
     * linked. Returns what to pass to {@link #ran(long)} when the function has returned.
     */
    public long starting() {
        if (nice == 0 || unavailable) {
            return NOTHING_TO_COUNT;
        }
        Busy busy = BUSY.get();
        if (busy.lowered) {
            return NOTHING_TO_COUNT;
        }
        MethodHandle handle = setpriority;
        if (handle == null) {
            return System.nanoTime();
        }
        busy.lowered = true;
        lower(handle);
        return NOTHING_TO_COUNT;
    }

    /**
     * Called on the same worker thread when the blocking function has returned (or thrown), with what
     * {@link #starting()} returned: counts the thread's busy time, and links the call once it is long enough.
     */
    public void ran(long started) {
        if (started == NOTHING_TO_COUNT) {
            return;
        }
        Busy busy = BUSY.get();
        busy.nanos += System.nanoTime() - started;
        if (busy.nanos >= BUSY_NANOS && linking.compareAndSet(false, true)) {
            // off the worker, which goes on with the next invocation meanwhile
            Thread.ofPlatform().daemon().name("eventloom-worker-priority").start(this::link);
        }
    }

    /** Whether worker threads now take the nice value before their next blocking function. */
    public boolean linked() {
        return setpriority != null;
    }

    private void link() {
        try {
            setpriority = lookUp();
        } catch (Throwable e) {
            disable(e.toString(), e);
        }
    }

    private void lower(MethodHandle handle) {
        try {
            int tid = currentThreadId();
            int result = (int) handle.invoke(PRIO_PROCESS, tid, nice);
            if (result != 0) {
                disable("setpriority(" + tid + ", " + nice + ") returned " + result, null);
            }
        } catch (Throwable e) {
            disable(e.toString(), e);
        }
    }

    /** The Linux thread id of the calling thread, from {@code /proc/thread-self -> <pid>/task/<tid>}. */
    private static int currentThreadId() throws java.io.IOException {
        return Integer.parseInt(Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString());
    }

    /** {@code Linker.nativeLinker().downcallHandle(setpriority, FunctionDescriptor.of(INT, INT, INT, INT))}. */
    private static MethodHandle lookUp() throws ReflectiveOperationException {
        Class<?> linkerType = Class.forName("java.lang.foreign.Linker");
        Class<?> layoutType = Class.forName("java.lang.foreign.MemoryLayout");
        Class<?> descriptorType = Class.forName("java.lang.foreign.FunctionDescriptor");
        Class<?> segmentType = Class.forName("java.lang.foreign.MemorySegment");
        Class<?> optionType = Class.forName("java.lang.foreign.Linker$Option");
        Object linker = linkerType.getMethod("nativeLinker").invoke(null);
        Object lookup = linkerType.getMethod("defaultLookup").invoke(linker);
        Optional<?> symbol = (Optional<?>) Class.forName("java.lang.foreign.SymbolLookup")
                .getMethod("find", String.class).invoke(lookup, "setpriority");
        if (symbol.isEmpty()) {
            throw new NoSuchMethodException("the C library has no setpriority");
        }
        Object javaInt = Class.forName("java.lang.foreign.ValueLayout").getField("JAVA_INT").get(null);
        Object arguments = Array.newInstance(layoutType, 3);
        for (int i = 0; i < 3; i++) {
            Array.set(arguments, i, javaInt);
        }
        Object descriptor = descriptorType.getMethod("of", layoutType, arguments.getClass()).invoke(null, javaInt,
                arguments);
        return (MethodHandle) linkerType.getMethod("downcallHandle", segmentType, descriptorType, optionType.arrayType())
                .invoke(linker, symbol.get(), descriptor, Array.newInstance(optionType, 0));
    }

    private void disable(String why, Throwable cause) {
        if (!unavailable) {
            unavailable = true;
            LOG.debugf(cause, "Worker threads keep their OS priority (eventloom.worker-nice has no effect here): %s", why);
        }
    }
}
