package dev.eventloom.core.runtime;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * One function's meters, tagged {@code function}: attempts ({@code eventloom.function.invocations}), deliveries that
 * succeeded, failed (back to the transport), were dead-lettered, skipped as duplicates or rejected over the
 * concurrency limit, retries, the in-flight gauge and a duration histogram. With quarkus-micrometer and a Prometheus
 * registry they appear at {@code /q/metrics} as {@code eventloom_function_*}.
 */
final class FunctionMetrics {

    final Counter invocations;
    final Counter successes;
    final Counter failures;
    final Counter retries;
    final Counter deadLettered;
    final Counter duplicates;
    final Counter rejected;
    final Timer duration;
    final AtomicInteger inFlight = new AtomicInteger();

    FunctionMetrics(String function, MeterRegistry meters) {
        invocations = counter(meters, "eventloom.function.invocations", function, "Attempts to run the function");
        successes = counter(meters, "eventloom.function.successes", function, "Deliveries that succeeded");
        failures = counter(meters, "eventloom.function.failures", function,
                "Deliveries that failed after every attempt and went back to the transport");
        retries = counter(meters, "eventloom.function.retries", function, "Attempts after the first");
        deadLettered = counter(meters, "eventloom.function.dead.lettered", function, "Events sent to the dead letter");
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
