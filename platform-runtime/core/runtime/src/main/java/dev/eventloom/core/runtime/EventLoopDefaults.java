package dev.eventloom.core.runtime;

import io.quarkus.runtime.configuration.ConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * One Vert.x event loop per CPU the JVM may use, where Quarkus starts two. Eventloom keeps blocking work off its event
 * loops (blocking signatures run on workers, and the event-loop guard reports a function that holds a loop), so a
 * second loop per CPU does not add capacity: it adds loops that take turns on the same CPU, and a request that arrives
 * on one waits while the other runs, which shows in the tail latency on one CPU, as a Knative pod with a CPU limit of 1
 * has (the benchmarks README has the figures).
 * <p>
 * Only a default: {@code quarkus.vertx.event-loops-pool-size} in {@code application.properties}, a system property or
 * the environment still sets the count.
 */
public final class EventLoopDefaults implements ConfigBuilder {

    static final String EVENT_LOOPS = "quarkus.vertx.event-loops-pool-size";

    @Override
    public SmallRyeConfigBuilder configBuilder(SmallRyeConfigBuilder builder) {
        return builder.withDefaultValue(EVENT_LOOPS, String.valueOf(Runtime.getRuntime().availableProcessors()));
    }
}
