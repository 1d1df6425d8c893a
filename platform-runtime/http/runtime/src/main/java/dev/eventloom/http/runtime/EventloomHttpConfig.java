package dev.eventloom.http.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Run-time settings of the HTTP and CloudEvents binding. */
@ConfigMapping(prefix = "eventloom.http")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface EventloomHttpConfig {

    /**
     * The largest request body accepted; a larger one is refused with 413 before it is read whole. Accepts sizes like
     * {@code 512K} or {@code 10M}.
     */
    @WithDefault("10M")
    MemorySize maxBodySize();

    /**
     * How many deliveries of one fan-out or batch request run at the same time; the others wait their turn, and their
     * timeout starts when they do.
     */
    @WithDefault("16")
    int batchConcurrency();
}
