package dev.eventloom.messaging.runtime;

import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.annotations.ConfigPhase;
import io.quarkus.runtime.annotations.ConfigRoot;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.smallrye.config.WithName;

/** The messaging settings read at run time: each can be changed without a rebuild. */
@ConfigMapping(prefix = "eventloom.messaging")
@ConfigRoot(phase = ConfigPhase.RUN_TIME)
public interface EventloomMessagingRuntimeConfig {

    /**
     * Whether the incoming channels are consumed when the application runs on AWS Lambda
     * ({@code AWS_LAMBDA_RUNTIME_API} set). There, a Lambda event source mapping polls the broker and delivers its
     * records through the invocation, so by default the channels are not consumed and the function never joins the
     * consumer group.
     */
    @WithDefault("false")
    boolean pollOnLambda();

    /** Settings of one channel, by name. */
    @WithName("channel")
    @WithDefaults
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
         * Where replies of functions fed by this channel go: {@code channel:<name>} (an outgoing channel) or an
         * {@code http(s)://} URL, which gets each reply as a binary-mode CloudEvent POST. Default
         * {@code eventloom.sink.url}.
         */
        Optional<String> replyTo();

        /**
         * Where messages go that cannot be read as events at all (for example a broken structured CloudEvent), in the
         * same forms as {@code reply-to}; without it they are nacked, and the connector's failure strategy decides.
         */
        Optional<String> deadLetter();

        /**
         * How events sent to this (outgoing) channel are written: {@code binary}, the data as the payload and the
         * attributes as the connector's CloudEvents metadata (Kafka's {@code ce_} headers), or {@code structured}, the
         * whole event as one JSON payload ({@code application/cloudevents+json}), for connectors without a CloudEvents
         * binding (MQTT 3, plain AMQP or RabbitMQ), whose messages would otherwise lose the attributes.
         */
        @WithDefault("binary")
        Format format();
    }

    /** How an event becomes a message. */
    enum Format {
        BINARY,
        STRUCTURED
    }
}
