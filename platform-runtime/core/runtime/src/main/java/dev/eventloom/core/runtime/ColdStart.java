package dev.eventloom.core.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The first invocation of this instance (a Lambda's, a pod's scaled from zero): how long after the process started it
 * came — on Lambda, the init duration and the wait for the first event — logged once, {@link LogCodes#COLD_START}
 * with the invocation's log context, and kept as the gauge {@code eventloom.cold.start} (seconds) when there is a registry.
 */
final class ColdStart {

    private static final Logger LOG = Logger.getLogger(ColdStart.class);
    private static final AtomicBoolean SEEN = new AtomicBoolean();
    /** Where the gauge goes, or {@code null} for none: set when the functions are registered. */
    static volatile Object registry;

    private ColdStart() {
    }

    /**
     * Called at every attempt, with the name of the binding that brought the event ({@code http}, {@code lambda}, ...);
     * does something at the first only.
     */
    static void attempt(EventFunction function, CloudEvent event, String binding) {
        if (SEEN.get() || !SEEN.compareAndSet(false, true)) {
            return;
        }
        Instant started = ProcessHandle.current().info().startInstant()
                .orElseGet(() -> Instant.ofEpochMilli(java.lang.management.ManagementFactory.getRuntimeMXBean()
                        .getStartTime()));
        long millis = Duration.between(started, Instant.now()).toMillis();
        InvocationMdc.around(function, event, () -> LOG.infof(LogCodes.COLD_START + " First invocation of this "
                + "instance: function '%s', event %s through %s, %d ms after the process started", function.name(),
                event.getId(), binding, millis));
        if (registry != null) {
            Meter.register((MeterRegistry) registry, millis, binding);
        }
    }

    /** Micrometer, loaded only with a registry (as in {@link FunctionMetrics}). */
    private static final class Meter {
        static void register(MeterRegistry meters, long millis, String binding) {
            Gauge.builder("eventloom.cold.start", () -> millis / 1000.0).baseUnit("seconds").tag("binding", binding)
                    .description("Time from the process start to the first invocation of this instance")
                    .register(meters);
        }
    }
}
