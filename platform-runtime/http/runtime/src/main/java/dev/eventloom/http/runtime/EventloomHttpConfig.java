package dev.eventloom.http.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

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

    /** Who may call the functions: off by default, see the security guide. */
    AuthConfig auth();

    /**
     * Access control of the function routes ({@code /} and {@code /{function}}), on bearer tokens (JWT) verified by the
     * application's Quarkus security extension, {@code quarkus-oidc} or {@code quarkus-smallrye-jwt}, with its issuer
     * and keys. A missing or invalid token is answered 401, a token that may not call a function 403, both
     * {@code application/problem+json}, before the body is read.
     */
    interface AuthConfig {

        /** Whether every call of a function needs a valid bearer token. */
        @WithDefault("false")
        boolean required();

        /**
         * The subjects ({@code sub} claim) of the tokens the broker delivers events with, the only callers of a
         * trigger-only function's {@code /{function}} route; a trailing {@code *} matches a prefix (Knative Eventing
         * sends one service account per Trigger: {@code system:serviceaccount:<namespace>:*}).
         */
        Optional<List<String>> triggerSubjects();

        /** Settings per function, by function name: {@code eventloom.http.auth.function."bill".audience=billing}. */
        @WithName("function")
        Map<String, FunctionAuthConfig> functions();
    }

    /** Access to one function. */
    interface FunctionAuthConfig {

        /**
         * Audiences one of which the token's {@code aud} claim must name to call this function, directly or through a
         * trigger on {@code /} (a token is then required for it even when {@code required} is off).
         */
        Optional<List<String>> audience();

        /**
         * Whether the function is reached only through its triggers: its {@code /{function}} route accepts only tokens
         * of the {@code trigger-subjects}, so a direct call is refused (403, 401 without a token) while the broker's
         * deliveries, and events routed by trigger on {@code /}, still reach it.
         */
        @WithDefault("false")
        boolean triggerOnly();
    }
}
