package dev.eventloom.messaging.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.core.runtime.Deliveries;
import dev.eventloom.core.runtime.EventDispatcher;
import dev.eventloom.core.runtime.EventFunction;
import dev.eventloom.core.runtime.EventSinks;
import dev.eventloom.core.runtime.EventloomException;
import dev.eventloom.core.runtime.EventloomException.Kind;
import dev.eventloom.core.runtime.LogCodes;
import dev.eventloom.core.runtime.ReplySink;
import dev.eventloom.messaging.runtime.EventloomMessagingRuntimeConfig.ChannelConfig;
import io.cloudevents.CloudEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiSubscriber;
import io.smallrye.reactive.messaging.ChannelRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Feeds the configured incoming channels to the router and acknowledges each message only when every function it was
 * routed to succeeded or dead-lettered it; a failure nacks it (the connector's failure strategy decides what follows,
 * and nothing unprocessed is ever acknowledged). A function at its {@code maxConcurrency} makes the message wait, not
 * fail. Outgoing channels become {@code channel:<name>} destinations for replies and dead letters.
 */
@Singleton
public class MessagingBinding {

    private static final Logger LOG = Logger.getLogger(MessagingBinding.class);
    private static final Duration BUSY_FIRST_WAIT = Duration.ofMillis(20);
    private static final Duration BUSY_MAX_WAIT = Duration.ofSeconds(1);

    private final EventDispatcher dispatcher;
    private final Deliveries deliveries;
    private final EventSinks sinks;
    private final ReplySink replies;
    private final ChannelRegistry registry;
    private final WiredChannels wired;
    private final EventloomMessagingRuntimeConfig runtime;
    private final MessageEvents events;
    private final Vertx vertx;
    private final List<ChannelSubscriber> subscriptions = new ArrayList<>();
    /** Whether each outgoing channel takes structured events: read from the configuration once per channel. */
    private final Map<String, Boolean> structuredChannels = new java.util.concurrent.ConcurrentHashMap<>();

    @Inject
    MessagingBinding(EventDispatcher dispatcher, Deliveries deliveries, EventSinks sinks, ReplySink replies,
            ChannelRegistry registry, WiredChannels wired, EventloomMessagingRuntimeConfig runtime, ObjectMapper mapper,
            Vertx vertx) {
        this.dispatcher = dispatcher;
        this.deliveries = deliveries;
        this.sinks = sinks;
        this.replies = replies;
        this.registry = registry;
        this.wired = wired;
        this.runtime = runtime;
        this.events = new MessageEvents(mapper);
        this.vertx = vertx;
    }

    /** After SmallRye Reactive Messaging wired its channels. */
    void start(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER + 100) StartupEvent startup) {
        List<String> incoming = wired.incoming();
        List<String> outgoing = wired.outgoing();
        BuildFixedChannels.refuseRunTimeChange("eventloom.messaging.incoming", incoming);
        BuildFixedChannels.refuseRunTimeChange("eventloom.messaging.outgoing", outgoing);
        sinks.register("channel", (destination, event) -> send(destination.substring("channel:".length()), event));
        validateDestinations(outgoing);
        for (String channel : incoming) {
            if (runtime.channels().get(channel).concurrency() < 1) {
                throw new ConfigurationException("eventloom.messaging.channel.\"" + channel
                        + "\".concurrency must be at least 1");
            }
        }
        if (!incoming.isEmpty() && onLambda() && !runtime.pollOnLambda()) {
            LOG.infof(LogCodes.CHANNELS_ON_LAMBDA + " On AWS Lambda: channels %s are not consumed here, the Lambda "
                    + "event source mapping "
                    + "delivers their records (set eventloom.messaging.poll-on-lambda=true to consume them anyway)",
                    incoming);
            return;
        }
        for (String channel : incoming) {
            subscriptions.add(subscribe(channel, runtime.channels().get(channel)));
        }
    }

    /** AWS Lambda's runtime sets {@code AWS_LAMBDA_RUNTIME_API}; read through the configuration so tests can set it. */
    private static boolean onLambda() {
        return ConfigProvider.getConfig().getOptionalValue("AWS_LAMBDA_RUNTIME_API", String.class)
                .filter(value -> !value.isBlank()).isPresent();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        subscriptions.forEach(Cancellable::cancel);
    }

    /**
     * Stops taking messages from every channel and calls {@code drained} once every message in process has been
     * acknowledged or nacked, so the connectors commit what was processed when they close (Quarkus bounds the wait
     * with {@code quarkus.shutdown.timeout}).
     */
    void drain(Runnable drained) {
        List<ChannelSubscriber> channels = List.copyOf(subscriptions);
        if (channels.isEmpty()) {
            drained.run();
            return;
        }
        long commitWait = commitWait(channels);
        AtomicInteger remaining = new AtomicInteger(channels.size());
        for (ChannelSubscriber channel : channels) {
            channel.stopTaking(() -> {
                if (remaining.decrementAndGet() == 0) {
                    if (commitWait == 0) {
                        drained.run();
                    } else {
                        // The Kafka connector's throttled strategy commits acknowledged offsets on its own timer, and
                        // its last commit can come after the consumer closed: one timer period with the consumer
                        // still open commits them first.
                        vertx.setTimer(commitWait, ignored -> drained.run());
                    }
                }
            });
        }
    }

    /** How long the throttled commit of the Kafka channels takes to run once more; 0 without such channels. */
    private static long commitWait(List<ChannelSubscriber> channels) {
        org.eclipse.microprofile.config.Config config = org.eclipse.microprofile.config.ConfigProvider.getConfig();
        long wait = 0;
        for (ChannelSubscriber subscriber : channels) {
            String prefix = "mp.messaging.incoming." + subscriber.channel + ".";
            boolean kafka = config.getOptionalValue(prefix + "connector", String.class)
                    .filter("smallrye-kafka"::equals).isPresent();
            boolean throttled = config.getOptionalValue(prefix + "commit-strategy", String.class)
                    .map("throttled"::equals)
                    .orElseGet(() -> !config.getOptionalValue(prefix + "enable.auto.commit", Boolean.class)
                            .orElse(false));
            if (kafka && throttled) {
                long interval = config.getOptionalValue(prefix + "auto.commit.interval.ms", Long.class).orElse(5000L);
                wait = Math.max(wait, interval + 100);
            }
        }
        return wait;
    }

    /** Every channel: destination of a function or a channel must be an outgoing channel the build wired. */
    private void validateDestinations(List<String> outgoing) {
        List<String> problems = new ArrayList<>();
        for (EventFunction function : dispatcher.functions()) {
            String deadLetter = function.delivery().deadLetter();
            if (deadLetter != null && deadLetter.startsWith("channel:")
                    && !outgoing.contains(deadLetter.substring("channel:".length()))) {
                problems.add("function '" + function.name() + "' dead-letters to " + deadLetter);
            }
        }
        runtime.channels().forEach((name, channel) -> {
            channel.replyTo().filter(d -> d.startsWith("channel:") && !outgoing.contains(d.substring(8)))
                    .ifPresent(d -> problems.add("channel '" + name + "' replies to " + d));
            channel.deadLetter().filter(d -> d.startsWith("channel:") && !outgoing.contains(d.substring(8)))
                    .ifPresent(d -> problems.add("channel '" + name + "' dead-letters to " + d));
        });
        replies.url().filter(u -> "channel".equals(u.getScheme()) && !outgoing.contains(u.getSchemeSpecificPart()))
                .ifPresent(u -> problems.add("eventloom.sink.url is " + u));
        if (!problems.isEmpty()) {
            throw new ConfigurationException(LogCodes.INVALID_CONFIGURATION + " " + String.join("; ", problems)
                    + ", but only " + outgoing + " are outgoing channels Eventloom may send to: add them to "
                    + "eventloom.messaging.outgoing and configure them (mp.messaging.outgoing.<name>.*)");
        }
    }

    @SuppressWarnings("unchecked")
    private ChannelSubscriber subscribe(String channel, ChannelConfig settings) {
        List<Flow.Publisher<? extends Message<?>>> publishers = registry.getPublishers(channel);
        if (publishers == null || publishers.isEmpty()) {
            throw new ConfigurationException("eventloom.messaging.incoming names '" + channel + "', which is not a "
                    + "configured incoming channel: configure mp.messaging.incoming." + channel + ".connector");
        }
        Multi<Message<?>> messages = publishers.size() == 1
                ? Multi.createFrom().publisher((Flow.Publisher<Message<?>>) publishers.get(0))
                : Multi.createBy().merging().streams(publishers.stream()
                        .map(p -> Multi.createFrom().publisher((Flow.Publisher<Message<?>>) p)).toList());
        String logical = settings.logicalSource().orElse(channel);
        LOG.infof("Channel '%s' feeds the functions (logical source '%s', %d messages at once)", channel, logical,
                settings.concurrency());
        ChannelSubscriber subscriber = new ChannelSubscriber(channel, logical, settings);
        messages.subscribe().withSubscriber(subscriber);
        return subscriber;
    }

    /**
     * Takes a channel's messages with at most {@code concurrency} of them in process: it requests that many, and
     * requests again as messages are settled (in batches of half the window, since a request may cost the connector a
     * hop through its event loop). A message is settled once acked or nacked, so the window is the backpressure.
     */
    private final class ChannelSubscriber implements MultiSubscriber<Message<?>>, Cancellable {

        private final String channel;
        private final String logical;
        private final ChannelConfig settings;
        private final int batch;
        private final AtomicInteger settled = new AtomicInteger();
        private final AtomicLong toRequest = new AtomicLong();
        private final AtomicInteger requesting = new AtomicInteger();
        /** Messages received and not yet settled. */
        private final AtomicInteger inProcess = new AtomicInteger();
        /** Set once the application stops: called when the last message in process settles. */
        private final AtomicReference<Runnable> whenDrained = new AtomicReference<>();
        private volatile boolean stopping;
        private volatile Flow.Subscription upstream;

        ChannelSubscriber(String channel, String logical, ChannelConfig settings) {
            this.channel = channel;
            this.logical = logical;
            this.settings = settings;
            this.batch = Math.max(1, settings.concurrency() / 2);
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            request(settings.concurrency());
        }

        @Override
        public void onItem(Message<?> message) {
            inProcess.incrementAndGet();
            onOwnContext(() -> {
                try {
                    process(channel, logical, settings, message, this::settled);
                } catch (RuntimeException e) {
                    LOG.errorf(e, LogCodes.MESSAGE_FAILED + " A message from channel '%s' could not be processed "
                            + "and is nacked: %s", channel, e.getMessage());
                    whenSettled(message.nack(e), this::settled);
                }
            });
        }

        private void settled() {
            if (inProcess.decrementAndGet() == 0 && stopping) {
                drained();
            }
            if (settled.incrementAndGet() == batch && !stopping) {
                settled.addAndGet(-batch);
                request(batch);
            }
        }

        /** Requests no more messages; {@code drained} runs once those in process have settled. */
        void stopTaking(Runnable drained) {
            whenDrained.set(drained);
            stopping = true;
            if (inProcess.get() == 0) {
                drained();
            }
        }

        private void drained() {
            Runnable drained = whenDrained.getAndSet(null);
            if (drained != null) {
                LOG.infof("Channel '%s' stopped taking messages; every message it took is settled", channel);
                drained.run();
            }
        }

        /** Messages settle on several threads; the subscription's {@code request} must still be called serially. */
        private void request(long n) {
            toRequest.addAndGet(n);
            if (requesting.getAndIncrement() != 0) {
                return;
            }
            int missed = 1;
            do {
                long pending = toRequest.getAndSet(0);
                if (pending > 0) {
                    upstream.request(pending);
                }
                missed = requesting.addAndGet(-missed);
            } while (missed != 0);
        }

        @Override
        public void onFailure(Throwable failure) {
            LOG.errorf(failure, LogCodes.CHANNEL_STOPPED + " Channel '%s' stopped: %s", channel, failure.getMessage());
        }

        @Override
        public void onCompletion() {
            LOG.debugf("Channel '%s' completed", channel);
        }

        @Override
        public void cancel() {
            Flow.Subscription subscription = upstream;
            if (subscription != null) {
                subscription.cancel();
            }
        }
    }

    /**
     * Runs the work on a duplicated context of its own (CDI request state lives in the context, so messages processed
     * at once must not share one). On the event loop it starts right away, without a hop through the task queue.
     */
    private void onOwnContext(Runnable work) {
        Context current = Vertx.currentContext();
        Context context = VertxContext.createNewDuplicatedContext(current != null ? current
                : vertx.getOrCreateContext());
        io.vertx.core.Handler<Void> run = ignored -> work.run();
        if (current != null && current.isEventLoopContext() && Context.isOnEventLoopThread()) {
            ((io.vertx.core.impl.ContextInternal) context).dispatch(run);
        } else {
            context.runOnContext(run);
        }
    }

    /** Routes one message, then acks or nacks it and calls {@code settled}; never throws (the stream must go on). */
    private void process(String channel, String logical, ChannelConfig settings, Message<?> message,
            Runnable settled) {
        CloudEvent event;
        try {
            event = events.toCloudEvent(channel, settings.type(), message);
        } catch (Exception e) {
            undecodable(channel, settings, message, e).subscribe().with(ignored -> settled.run(), ignored -> settled
                    .run());
            return;
        }
        List<EventFunction> targets = dispatcher.route(event, logical);
        if (targets.isEmpty()) {
            LOG.debugf("No trigger matches event %s (type %s) from channel '%s': acknowledged", event.getId(),
                    event.getType(), channel);
            whenSettled(message.ack(), settled);
            return;
        }
        MessageTransport transport = new MessageTransport(message, () -> events.headers(message));
        deliveries.fanOut(targets, (function, done) -> deliver(function, event, transport, logical, settings, 0, done),
                failures -> settle(channel, event, message, failures.isEmpty() ? null : failures.get(0).failure(),
                        settled));
    }

    private void settle(String channel, CloudEvent event, Message<?> message, Throwable failure, Runnable settled) {
        if (failure == null) {
            whenSettled(message.ack(), settled);
            return;
        }
        LOG.errorf(LogCodes.MESSAGE_FAILED + " Message %s from channel '%s' failed and is nacked: %s", event.getId(),
                channel, failure.getMessage());
        whenSettled(message.nack(failure), settled);
    }

    /** The window moves on once the connector took the ack or nack, whatever it answered. */
    private static void whenSettled(CompletionStage<Void> acknowledgement, Runnable settled) {
        acknowledgement.whenComplete((ignored, failure) -> {
            if (failure != null) {
                LOG.debugf(failure, "The connector refused to settle a message: %s", failure.getMessage());
            }
            settled.run();
        });
    }

    /**
     * One function: a function at its concurrency limit did not start, so the message waits for a slot (20 ms, then
     * doubling up to 1 s) instead of failing; the reply goes where the channel says.
     */
    private void deliver(EventFunction function, CloudEvent event, MessageTransport transport, String logical,
            ChannelConfig settings, int busyRounds, Consumer<Throwable> done) {
        dispatcher.deliverAndForward(function, event, transport, logical, settings.replyTo().orElse(null),
                failure -> {
                    if (failure != null && EventloomException.kindOf(failure) == Kind.BUSY) {
                        long delay = Math.min(BUSY_MAX_WAIT.toMillis(),
                                BUSY_FIRST_WAIT.toMillis() << Math.min(busyRounds, 10));
                        vertx.setTimer(delay, ignored -> deliver(function, event, transport, logical, settings,
                                busyRounds + 1, done));
                        return;
                    }
                    done.accept(failure);
                });
    }

    private Uni<Void> undecodable(String channel, ChannelConfig settings, Message<?> message, Exception problem) {
        String where = "A message from channel '" + channel + "' is not a readable event (" + problem.getMessage() + ")";
        if (settings.deadLetter().isEmpty()) {
            LOG.errorf(LogCodes.MESSAGE_UNDELIVERABLE + " %s; it is nacked (set "
                    + "eventloom.messaging.channel.\"%s\".dead-letter to park such "
                    + "messages)", where, channel);
            return nack(message, new EventloomException(Kind.INVALID_INPUT, where));
        }
        return sinks.send(settings.deadLetter().get(), events.undecodable(channel, message, problem))
                .chain(() -> {
                    LOG.warnf(LogCodes.MESSAGE_UNDELIVERABLE + " %s; it went to %s", where,
                            settings.deadLetter().get());
                    return ack(message);
                })
                .onFailure().recoverWithUni(failure -> nack(message, failure));
    }

    private static Uni<Void> ack(Message<?> message) {
        return Uni.createFrom().completionStage(message::ack).onFailure().recoverWithNull().replaceWithVoid();
    }

    private static Uni<Void> nack(Message<?> message, Throwable failure) {
        return Uni.createFrom().completionStage(() -> message.nack(failure)).onFailure().recoverWithNull()
                .replaceWithVoid();
    }

    @SuppressWarnings("unchecked")
    private Uni<Void> send(String channel, CloudEvent event) {
        MutinyEmitter<byte[]> emitter;
        try {
            emitter = (MutinyEmitter<byte[]>) registry.getMutinyEmitter(channel);
        } catch (RuntimeException e) {
            emitter = null;
        }
        if (emitter == null) {
            return Uni.createFrom().failure(new EventloomException(Kind.SINK_FAILED, "Event " + event.getId()
                    + " cannot go to channel '" + channel + "': it is not in eventloom.messaging.outgoing"));
        }
        MutinyEmitter<byte[]> target = emitter;
        boolean structured = structuredChannels.computeIfAbsent(channel, name -> runtime.channels().get(name)
                .format() == EventloomMessagingRuntimeConfig.Format.STRUCTURED);
        return Uni.createFrom().deferred(() -> target.sendMessage(structured ? events.toStructuredMessage(event)
                : events.toMessage(event)))
                .onFailure().transform(failure -> new EventloomException(Kind.SINK_FAILED, "Event " + event.getId()
                        + " could not be sent to channel '" + channel + "': " + failure.getMessage(), failure));
    }
}
