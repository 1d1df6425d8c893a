package dev.eventloom.messaging.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Which messaging channels feed the functions and which take their replies and dead letters. The channels themselves
 * are configured as usual ({@code mp.messaging.incoming.orders.connector=smallrye-kafka}, {@code topic}, ...); their
 * names are fixed at build time because the build wires them.
 */
@ConfigMapping(prefix = "eventloom.messaging")
@ConfigRoot(phase = ConfigPhase.BUILD_AND_RUN_TIME_FIXED)
public interface EventloomMessagingConfig {

    /** Incoming channels whose messages are routed to the functions by their triggers. */
    Optional<List<String>> incoming();

    /** Outgoing channels that replies and dead letters can be sent to, as {@code channel:<name>}. */
    Optional<List<String>> outgoing();

    /** Settings of one incoming channel, by name. */
    @WithName("channel")
    Map<String, ChannelConfig> channels();

    interface ChannelConfig {

        /** The logical source its events come from (what {@code @Trigger(source)} names). Default: the channel name. */
        Optional<String> logicalSource();

        /** The CloudEvents {@code type} of messages that are not CloudEvents. */
        @WithDefault("dev.eventloom.message")
        String type();

        /**
         * How many of its messages are processed at once. Messages are taken from the connector only as fast as they
         * finish (the Kafka connector pauses the consumer when its queue fills): no unbounded buffer.
         */
        @WithDefault("16")
        int concurrency();

        /**
         * Where replies of functions fed by this channel go ({@code channel:<name>} or a URL); default
         * {@code eventloom.sink.url}.
         */
        Optional<String> replyTo();

        /**
         * Where messages go that cannot be read as events at all (for example a broken structured CloudEvent); without
         * it they are nacked, and the connector's failure strategy decides.
         */
        Optional<String> deadLetter();
    }
}
