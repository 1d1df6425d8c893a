package dev.eventloom.core.runtime;

import java.net.URI;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import dev.eventloom.core.runtime.filter.TriggerMetadata;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * Cost of routing one event: with 1, 100 and 10,000 exact-type triggers (the target: 10,000 within 1.1× of 1), and
 * with CESQL triggers that are evaluated on every event.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RouterBenchmark {

    @Param({ "1", "100", "10000" })
    int triggers;

    /** CESQL triggers besides the exact-type ones; each is evaluated for every event. */
    @Param({ "0", "10" })
    int cesqlTriggers;

    EventRouter<String> router;
    CloudEvent event;

    @Setup
    public void setUp() {
        EventRouter.Builder<String> builder = EventRouter.builder();
        for (int i = 0; i < triggers; i++) {
            builder.add("f" + i, TriggerMetadata.of(type(i), null, List.of(), List.of(), List.of(), null, null));
        }
        for (int i = 0; i < cesqlTriggers; i++) {
            builder.add("c" + i, TriggerMetadata.of(null, null, List.of(), List.of(), List.of(),
                    "tier = 'gold' AND subject LIKE 'order-" + i + "%'", null));
        }
        router = builder.build();
        event = CloudEventBuilder.v1().withId("1").withSource(URI.create("/bench"))
                .withType(type(triggers / 2)).withSubject("order-42").withExtension("tier", "gold").build();
    }

    /** Types of one length whatever their number, so that only the number of triggers changes between runs. */
    private static String type(int i) {
        return String.format("com.acme.type%05d", i);
    }

    @Benchmark
    public List<String> route() {
        return router.route(event, null);
    }
}
