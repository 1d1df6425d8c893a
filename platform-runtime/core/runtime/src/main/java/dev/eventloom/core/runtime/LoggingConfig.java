package dev.eventloom.core.runtime;

import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;

/** What Eventloom puts in the logging context of an invocation ({@link InvocationMdc}). */
@ConfigMapping(prefix = "eventloom.logging")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface LoggingConfig {

    /**
     * Whether each invocation's log lines carry {@code eventId}, {@code eventType}, {@code eventSource},
     * {@code function}, {@code traceId} and {@code spanId} in the MDC. Default: on when the application logs JSON
     * ({@code quarkus-logging-json}), which writes them as fields; turn it on for a text format that shows them
     * ({@code %X{eventId}}). It costs a few hundred nanoseconds per invocation.
     */
    Optional<Boolean> mdc();
}
