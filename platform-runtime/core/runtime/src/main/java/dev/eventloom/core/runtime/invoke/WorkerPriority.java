package dev.eventloom.core.runtime.invoke;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Array;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.jboss.logging.Logger;

/**
 * Raises the Linux nice value of a worker thread the first time it runs a blocking function, so that when CPU-heavy
 * functions and the event loops want the same cores, the event loops get the larger share: one event loop serves many
 * events, a worker serves one. It only matters under contention; an idle machine runs workers at full speed.
 * <p>
 * Not {@code SCHED_IDLE}, although it gives way faster: measured here, a JVM whose workers barely get a CPU makes every
 * thread wait at safepoints for them (p99 latencies of hundreds of milliseconds beside a CPU-burning function).
 * <p>
 * Linux only, through {@code setpriority(2)} called with the JDK's foreign function API (JDK 22+, looked up
 * reflectively because the platform compiles for Java 21). Where that is unavailable (another OS, JDK 21, a native
 * image, native access denied) it logs once at debug level and changes nothing. The build adds
 * {@code Enable-Native-Access} to the runner's manifest, so the JDK allows the call without a warning.
 */
public final class WorkerPriority {

    private static final Logger LOG = Logger.getLogger(WorkerPriority.class);
    private static final ThreadLocal<Boolean> APPLIED = new ThreadLocal<>();
    private static final int PRIO_PROCESS = 0;

    private final int nice;
    private volatile MethodHandle setpriority;
    private volatile boolean unavailable;

    /** @param nice the nice value for worker threads, 1 to 19; 0 leaves them as they are */
    public WorkerPriority(int nice) {
        if (nice < 0 || nice > 19) {
            throw new io.quarkus.runtime.configuration.ConfigurationException(
                    "eventloom.worker-nice must be between 0 (unchanged) and 19, got " + nice);
        }
        // A native image has no foreign function support registered for this: leave its threads alone.
        this.nice = io.quarkus.runtime.ImageMode.current().isNativeImage() ? 0 : nice;
    }

    /** Called on a worker thread before it runs a blocking function; does the work once per thread. */
    public void apply() {
        if (nice == 0 || unavailable || APPLIED.get() != null) {
            return;
        }
        APPLIED.set(Boolean.TRUE);
        try {
            int tid = currentThreadId();
            int result = (int) handle().invoke(PRIO_PROCESS, tid, nice);
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

    private MethodHandle handle() throws ReflectiveOperationException {
        MethodHandle handle = setpriority;
        if (handle == null) {
            synchronized (this) {
                handle = setpriority;
                if (handle == null) {
                    setpriority = handle = lookUp();
                }
            }
        }
        return handle;
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
