package dev.eventloom.core.runtime;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One function's meters, tagged {@code function}: attempts ({@code eventloom.function.invocations}), deliveries that
 * succeeded, failed (back to the transport), were dead-lettered, skipped as duplicates or rejected over the
 * concurrency limit, retries, the in-flight gauge and a duration histogram. With quarkus-micrometer and a Prometheus
 * registry they appear at {@code /q/metrics} as {@code eventloom_function_*}. Without a registry nothing is recorded and
 * Micrometer is never loaded (a Lambda cold start pays for no meter); the in-flight count is kept either way, the
 * concurrency limit needs it.
 */
final class FunctionMetrics {

    /** Deliveries running now. */
    final AtomicInteger inFlight = new AtomicInteger();
    private final Meters meters;

    /** @param registry where the meters go, or {@code null} to record nothing */
    FunctionMetrics(String function, MeterRegistry registry) {
        this.meters = registry == null ? null : new Meters(function, registry, inFlight);
    }

    void attempt() {
        if (meters != null) {
            meters.invocations.increment();
        }
    }

    void success() {
        if (meters != null) {
            meters.successes.increment();
        }
    }

    void failure() {
        if (meters != null) {
            meters.failures.increment();
        }
    }

    void retry() {
        if (meters != null) {
            meters.retries.increment();
        }
    }

    void deadLettered() {
        if (meters != null) {
            meters.deadLettered.increment();
        }
    }

    void duplicate() {
        if (meters != null) {
            meters.duplicates.increment();
        }
    }

    void rejected() {
        if (meters != null) {
            meters.rejected.increment();
        }
    }

    void duration(long nanos) {
        if (meters != null) {
            meters.duration.record(nanos, TimeUnit.NANOSECONDS);
        }
    }

    /** The Micrometer side, only created (and its classes only loaded) when there is a registry. */
    private static final class Meters {
        final Counter invocations;
        final Counter successes;
        final Counter failures;
        final Counter retries;
        final Counter deadLettered;
        final Counter duplicates;
        final Counter rejected;
        final Timer duration;

        Meters(String function, MeterRegistry meters, AtomicInteger inFlight) {
            invocations = counter(meters, "eventloom.function.invocations", function, "Attempts to run the function");
            successes = counter(meters, "eventloom.function.successes", function, "Deliveries that succeeded");
            failures = counter(meters, "eventloom.function.failures", function,
                    "Deliveries that failed after every attempt and went back to the transport");
            retries = counter(meters, "eventloom.function.retries", function, "Attempts after the first");
            deadLettered = counter(meters, "eventloom.function.dead.lettered", function,
                    "Events sent to the dead letter");
            duplicates = counter(meters, "eventloom.function.duplicates", function,
                    "Events skipped because they were already processed (idempotent functions)");
            rejected = counter(meters, "eventloom.function.rejected", function,
                    "Events refused because the function was at its maxConcurrency");
            duration = Timer.builder("eventloom.function.duration").description("Time one attempt took")
                    .tag("function", function).publishPercentileHistogram()
                    .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofMinutes(5))
                    .register(meters);
            Gauge.builder("eventloom.function.in.flight", inFlight, AtomicInteger::get)
                    .description("Deliveries running now").tag("function", function).register(meters);
        }

        private static Counter counter(MeterRegistry meters, String name, String function, String description) {
            return Counter.builder(name).description(description).tag("function", function).register(meters);
        }
    }
}
