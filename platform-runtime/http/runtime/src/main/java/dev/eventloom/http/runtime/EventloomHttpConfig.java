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
     * The largest request body accepted; a larger one is refused with 413 before it is read whole, whether its length
     * is declared or it is chunked. Quarkus's own limit ({@code quarkus.http.limits.max-body-size}) follows this one.
     * Accepts sizes like {@code 512K} or {@code 10M}.
     */
    @WithDefault("10M")
    MemorySize maxBodySize();

    /**
     * The longest request target (path and query) accepted; a longer one is refused with 414. Quarkus's own limit
     * ({@code quarkus.http.limits.max-initial-line-length}) defaults higher, so this one answers first.
     */
    @WithDefault("8192")
    int maxUriLength();

    /**
     * The largest total size of a request's headers accepted; larger is refused with 431. Quarkus's own limit
     * ({@code quarkus.http.limits.max-header-size}) defaults higher, so this one answers first.
     */
    @WithDefault("20K")
    MemorySize maxHeaderSize();

    /**
     * How many deliveries of one fan-out or batch request run at the same time; the others wait their turn, and their
     * timeout starts when they do.
     */
    @WithDefault("16")
    int batchConcurrency();
}
