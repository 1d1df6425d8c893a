package dev.eventloom.core.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.eventloom.Delivery.Backoff;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.smallrye.mutiny.Uni;

/**
 * The per-event cost of the delivery rules around a function that succeeds at once: none (the attempt alone), the
 * default policy (metrics, retry bookkeeping), idempotency (a store lookup and a completion per event), ordering (a
 * per-key chain) and a concurrency limit.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeliveryBenchmark {

    @Param({ "default", "idempotent", "ordered", "max-concurrency" })
    String rules;

    ReliableDelivery reliable;
    EventFunction function;
    CloudEvent reply;
    long sequence;

    @Setup(Level.Trial)
    public void setUp() {
        DeliveryPolicy d = DeliveryPolicy.DEFAULT;
        DeliveryPolicy policy = switch (rules) {
            case "idempotent" -> new DeliveryPolicy(0, Backoff.EXPONENTIAL, d.backoffDelay(), d.maxBackoffDelay(),
                    null, 0, true, Duration.ofSeconds(30), false);
            case "ordered" -> new DeliveryPolicy(0, Backoff.EXPONENTIAL, d.backoffDelay(), d.maxBackoffDelay(), null,
                    0, false, d.idempotencyTtl(), true);
            case "max-concurrency" -> new DeliveryPolicy(0, Backoff.EXPONENTIAL, d.backoffDelay(),
                    d.maxBackoffDelay(), null, 64, false, d.idempotencyTtl(), false);
            default -> d;
        };
        FunctionMetadata metadata = new FunctionMetadata();
        metadata.setName("bench");
        metadata.setDeclaringClass("Bench");
        metadata.setMethodName("bench");
        metadata.setOutputShape(OutputShape.VOID);
        function = new EventFunction(metadata, DispatchMode.EVENT_LOOP, Duration.ofSeconds(30), "bench.output",
                URI.create("/bench"), List.of(), policy);
        function.metrics(new FunctionMetrics("bench", new SimpleMeterRegistry()));
        reliable = new ReliableDelivery(null, null, new InMemoryIdempotencyStore());
        reply = CloudEventBuilder.v1().withId("r").withSource(URI.create("/bench")).withType("bench.output").build();
    }

    private CloudEvent nextEvent() {
        long n = sequence++;
        return CloudEventBuilder.v1().withId("e-" + n).withSource(URI.create("/bench"))
                .withType("bench.event").withExtension("partitionkey", "k" + (n & 15)).build();
    }

    /** The same event and attempt without the rules: the baseline the rules' cost is read against. */
    @Benchmark
    public CloudEvent attemptAlone() {
        CloudEvent event = nextEvent();
        return Uni.createFrom().item(() -> event.getId() == null ? null : reply).await().indefinitely();
    }

    @Benchmark
    public CloudEvent withRules() {
        CloudEvent event = nextEvent();
        return reliable.deliver(function, event, null, number -> Uni.createFrom().item(reply)).await().indefinitely();
    }
}
