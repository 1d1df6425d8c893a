package dev.eventloom.core.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Eventloom's run-time settings: they change behaviour without a rebuild. */
@ConfigMapping(prefix = "eventloom")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface EventloomConfig {

    /** The timeout of a function that sets none, with {@code @Delivery(timeout)} or {@code function."<name>".timeout}. */
    @WithDefault("30s")
    Duration defaultTimeout();

    /**
     * How long a function running on the event loop may hold it before a warning names the function and the
     * {@code eventloom.event.loop.blocked} counter grows. Functions that block should be annotated {@code @Blocking}.
     */
    @WithDefault("100ms")
    Duration eventLoopWarningThreshold();

    /**
     * The Linux nice value worker threads take once blocking functions keep them busy (1 to 19; 0 leaves worker
     * threads alone): from the first worker thread that has spent 50 ms in blocking functions on, each takes it before
     * its next one. Under CPU contention the event loops then get the larger share, so a CPU-burning blocking function
     * slows the event-loop functions beside it less; without contention it changes nothing. Needs Linux, JDK 22+ and
     * Vert.x (the HTTP or messaging binding: without event loops there is nothing to give way to); elsewhere it has no
     * effect.
     */
    @WithDefault("10")
    int workerNice();

    /** Settings of one function, by function name: {@code eventloom.function."bill-order".timeout=10s}. */
    @WithName("function")
    Map<String, FunctionConfig> functions();

    /**
     * Logical sources known by the CloudEvents {@code source} attribute of the events they send, by logical name:
     * {@code eventloom.source.uploads.ce-source=/storage/uploads}. Bindings that know the source of what they receive
     * (a queue, a topic) name it themselves.
     */
    @WithName("source")
    Map<String, SourceConfig> sources();

    /** Where replies go that are not returned to the caller (fan-out, batches). */
    SinkConfig sink();

    /** The in-process broker that routes replies to the functions their triggers select when no sink is set. */
    LocalBrokerConfig localBroker();

    /** The in-process broker. */
    interface LocalBrokerConfig {

        /**
         * Whether replies are routed in this process. Default: on when no sink is set ({@code eventloom.sink.url},
         * {@code K_SINK}) and the application runs neither on Knative ({@code K_SERVICE} set: its Broker routes
         * replies) nor on AWS Lambda ({@code AWS_LAMBDA_RUNTIME_API} set).
         */
        Optional<Boolean> enabled();

        /**
         * How many functions an event may pass through, one reply after another, before the broker stops routing it
         * (a loop of replies would otherwise never end).
         */
        @WithDefault("16")
        int maxHops();
    }

    /** Settings of one function. */
    interface FunctionConfig {

        /** Replaces the function's {@code @Delivery(timeout)}. */
        Optional<Duration> timeout();

        /** Replaces the function's {@code @Reply(type)}. */
        Optional<String> replyType();

        /** Replaces the function's {@code @Reply(source)}. */
        Optional<URI> replySource();

        /**
         * Replaces where the function runs: {@code event-loop}, {@code worker} or {@code virtual-thread}. Only run a
         * function on the event loop if it never blocks.
         */
        Optional<DispatchMode> dispatch();

        /** When set, replaces all the function's {@code @Trigger} annotations with this one trigger. */
        TriggerConfig trigger();

        /** Replaces {@code @Delivery(retries)}. */
        Optional<Integer> retries();

        /** Replaces {@code @Delivery(backoff)}: {@code linear} or {@code exponential}. */
        Optional<String> backoff();

        /** Replaces {@code @Delivery(backoffDelay)}. */
        Optional<String> backoffDelay();

        /** Replaces {@code @Delivery(maxBackoffDelay)}. */
        Optional<String> maxBackoffDelay();

        /** Replaces {@code @Delivery(deadLetter)}: an http(s) URL or {@code channel:<name>}; empty for none. */
        Optional<String> deadLetter();

        /** Replaces {@code @Delivery(maxConcurrency)}; 0 for no limit. */
        Optional<Integer> maxConcurrency();

        /** Replaces {@code @Delivery(idempotent)}. */
        Optional<Boolean> idempotent();

        /** Replaces {@code @Delivery(idempotencyTtl)}. */
        Optional<String> idempotencyTtl();

        /** Replaces {@code @Delivery(ordered)}. */
        Optional<Boolean> ordered();

        default DeliveryPolicy.Settings deliverySettings() {
            return new DeliveryPolicy.Settings(retries().orElse(null), backoff().orElse(null),
                    backoffDelay().orElse(null), maxBackoffDelay().orElse(null), deadLetter().orElse(null),
                    maxConcurrency().orElse(null), idempotent().orElse(null), idempotencyTtl().orElse(null),
                    ordered().orElse(null));
        }
    }

    /** One trigger written in configuration; the same settings as {@code @Trigger}, all combined. */
    interface TriggerConfig {

        /** Exact value of the {@code type} attribute. */
        Optional<String> type();

        /** Logical source name. */
        Optional<String> source();

        /** Exact matches, {@code attribute=value}, comma-separated. */
        Optional<List<String>> exact();

        /** Prefix matches, {@code attribute=prefix}, comma-separated. */
        Optional<List<String>> prefix();

        /** Suffix matches, {@code attribute=suffix}, comma-separated. */
        Optional<List<String>> suffix();

        /** A CESQL expression. */
        Optional<String> cesql();

        /** Knative filters as a JSON array. */
        Optional<String> filters();

        default boolean isSet() {
            return type().isPresent() || source().isPresent() || exact().isPresent() || prefix().isPresent()
                    || suffix().isPresent() || cesql().isPresent() || filters().isPresent();
        }
    }

    /** A logical source. */
    interface SourceConfig {

        /** The CloudEvents {@code source} attribute values of events from this logical source. */
        List<String> ceSource();
    }

    /** The reply sink. */
    interface SinkConfig {

        /**
         * URL replies are POSTed to as binary-mode CloudEvents. Defaults to the {@code K_SINK} environment variable
         * that a Knative SinkBinding or source sets.
         */
        Optional<URI> url();

        /** How long the sink may take to accept a reply before the delivery counts as failed. */
        @WithDefault("10s")
        Duration timeout();
    }
}
