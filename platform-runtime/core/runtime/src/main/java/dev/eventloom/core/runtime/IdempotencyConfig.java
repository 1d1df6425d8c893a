package dev.eventloom.core.runtime;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where idempotent functions remember the events they processed; fixed at build time, which picks the store's bean. */
@ConfigMapping(prefix = "eventloom.idempotency")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface IdempotencyConfig {

    /** The stores this build knows. */
    enum Store {
        /** In this process's memory: per instance, forgotten on restart. */
        MEMORY,
        /** In Redis ({@code dev.eventloom:eventloom-redis}, {@code quarkus.redis.hosts}): shared and durable. */
        REDIS
    }

    /**
     * {@code memory} (default) or {@code redis}. A bean implementing {@code dev.eventloom.spi.IdempotencyStore}
     * replaces the default store whatever this says.
     */
    @WithDefault("memory")
    Store store();
}
