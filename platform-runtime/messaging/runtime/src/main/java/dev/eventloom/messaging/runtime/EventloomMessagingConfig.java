package dev.eventloom.messaging.runtime;

import java.util.List;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;

/**
 * Which messaging channels feed the functions and which take their replies and dead letters. The channels themselves
 * are configured as usual ({@code mp.messaging.incoming.orders.connector=smallrye-kafka}, {@code topic}, ...); their
 * names are fixed at build time because the build wires them ({@link WiredChannels} carries them to run time, where a
 * different value stops the start). Everything else is read at run time ({@link EventloomMessagingRuntimeConfig}).
 */
@ConfigMapping(prefix = "eventloom.messaging")
@ConfigRoot(phase = ConfigPhase.BUILD_TIME)
public interface EventloomMessagingConfig {

    /** Incoming channels whose messages are routed to the functions by their triggers. */
    Optional<List<String>> incoming();

    /** Outgoing channels that replies and dead letters can be sent to, as {@code channel:<name>}. */
    Optional<List<String>> outgoing();
}
