package dev.eventloom.core.runtime;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.IntFunction;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.core.runtime.EventloomException.Kind;
import dev.eventloom.core.runtime.invoke.DirectInvoker;
import dev.eventloom.spi.IdempotencyStore;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;

/**
 * What a binding calls: find functions by name or by trigger, deliver an event to one, get back its reply. Bindings
 * only convert their transport to and from CloudEvents; everything else happens here.
 */
@Singleton
public class EventDispatcher {

    private static final Logger LOG = Logger.getLogger(EventDispatcher.class);

    private final FunctionRegistry registry;
    private final Replies replies;
    private final ReliableDelivery reliable;
    private final ReplySink replySink;
    private final EventSinks sinks;
    private final Execution execution;
    private final LocalBroker broker;
    private final Map<String, String> logicalSources = new HashMap<>();

    @Inject
    EventDispatcher(FunctionRegistry registry, ObjectMapper mapper, EventloomConfig config, Execution execution,
            EventSinks sinks, IdempotencyStore idempotency, ReplySink replySink, LocalBroker broker) {
        this.registry = registry;
        this.broker = broker;
        this.replySink = replySink;
        this.sinks = sinks;
        this.replies = new Replies(mapper);
        this.execution = execution;
        this.reliable = new ReliableDelivery(execution, sinks, idempotency);
        config.sources().forEach((name, source) -> source.ceSource().forEach(ce -> logicalSources.put(ce, name)));
    }

    /** Tells {@code observer} of every attempt and dead letter from now on (development tools). */
    public void observe(DeliveryObserver observer) {
        reliable.observe(observer);
    }

    /** The function of that name. */
    public Optional<EventFunction> function(String name) {
        return registry.function(name);
    }

    /** Every function. */
    public java.util.Collection<EventFunction> functions() {
        return registry.functions();
    }

    /** The functions whose triggers match; {@code logicalSource} may be {@code null} to derive it from the event. */
    public List<EventFunction> route(CloudEvent event, String logicalSource) {
        return registry.route(event, logicalSource != null ? logicalSource : logicalSource(event));
    }

    /** The logical source configured for the event's {@code source} attribute, or {@code null}. */
    public String logicalSource(CloudEvent event) {
        return logicalSources.isEmpty() ? null : logicalSources.get(event.getSource().toString());
    }

    /**
     * Delivers the event to the function on the thread its dispatch mode asks for, within its timeout and the
     * transport's deadline, under its delivery policy (ordering, concurrency limit, idempotency, retries, dead
     * letter). The result is emitted on the caller's Vert.x context, if it has one.
     *
     * @return the reply event, or a {@code null} item when there is none (the function produced none, the event was
     *         a duplicate or went to the dead letter); a failure is an {@link EventloomException} or what the function
     *         threw (see {@link EventloomException#kindOf})
     */
    public Uni<CloudEvent> deliver(EventFunction function, CloudEvent event, Transport transport, String logicalSource) {
        return Uni.createFrom().deferred(() -> {
            if (direct(function)) {
                return Uni.createFrom().emitter(emitter -> deliver(function, event, transport, logicalSource,
                        (reply, failure) -> {
                            if (failure == null) {
                                emitter.complete(reply);
                            } else {
                                emitter.fail(failure);
                            }
                        }));
            }
            String logical = logicalSource != null ? logicalSource : logicalSource(event);
            Object parent = DeliveryTracing.current().parent(event);
            Uni<CloudEvent> reply = reliable.deliver(function, event, transport.deadline(),
                    number -> attempt(function, event, transport, logical, parent, number));
            return execution.onCaller(broker.enabled() ? reply.invoke(r -> routeCopy(function, r)) : reply);
        });
    }

    /** A reply the caller gets is also routed in process when the local broker runs, as a Broker routes replies. */
    private void routeCopy(EventFunction function, CloudEvent reply) {
        if (reply != null) {
            broker.route(function.name(), reply);
        }
    }

    /**
     * {@link #deliver(EventFunction, CloudEvent, Transport, String)} for callers that take a callback: {@code done}
     * gets the reply (or {@code null}) or the failure, on the caller's Vert.x context. Called on an event loop, a
     * delivery takes the fast lane ({@link DirectInvoker}): an event-loop function with a synchronous signature (or a
     * {@code Uni} that completes at once) runs inline, and {@code done} is called before this method returns; a
     * blocking one is handed to its thread and back. Without Vert.x, an event-loop function with a synchronous
     * signature runs inline on any thread.
     */
    public void deliver(EventFunction function, CloudEvent event, Transport transport, String logicalSource,
            BiConsumer<CloudEvent, Throwable> done) {
        deliver(function, event, transport, logicalSource, false, !broker.enabled() ? done : (reply, failure) -> {
            if (failure == null) {
                routeCopy(function, reply);
            }
            done.accept(reply, failure);
        });
    }

    private void deliver(EventFunction function, CloudEvent event, Transport transport, String logicalSource,
            boolean waitForSlot, BiConsumer<CloudEvent, Throwable> done) {
        String logical = logicalSource != null ? logicalSource : logicalSource(event);
        Object parent = DeliveryTracing.current().parent(event);
        IntFunction<Uni<CloudEvent>> attempt = number -> attempt(function, event, transport, logical, parent, number);
        if (direct(function)) {
            // the fast lane runs the first attempt; retries go through the pipeline
            reliable.deliverNow(function, event, transport.deadline(),
                    reported -> attemptNow(function, event, transport, logical, parent, reported), attempt,
                    execution::onCaller, waitForSlot, done);
            return;
        }
        execution.onCaller(reliable.deliver(function, event, transport.deadline(), attempt, waitForSlot))
                .subscribe().with(reply -> done.accept(reply, null), failure -> done.accept(null, failure));
    }

    /** Whether this delivery can take the fast lane: see {@link DirectInvoker}. */
    private boolean direct(EventFunction function) {
        return function.direct() != null && ReliableDelivery.immediate(function.delivery()) && execution.fastLaneHere();
    }

    /**
     * Delivers for a caller that cannot take the reply (fan-out, batches, queues): the reply goes to {@code replyTo}
     * when given ({@code channel:<name>} or a URL), else to the sink ({@link ReplySink#forward}).
     *
     * @return an item: {@code null} when the delivery succeeded (or was dead-lettered) and its reply was passed on,
     *         else the failure; never a failed {@code Uni}
     */
    public Uni<Throwable> deliverAndForward(EventFunction function, CloudEvent event, Transport transport,
            String logicalSource, String replyTo) {
        return Uni.createFrom().emitter(emitter -> {
            try {
                deliverAndForward(function, event, transport, logicalSource, replyTo, emitter::complete);
            } catch (RuntimeException e) {
                emitter.complete(e);
            }
        });
    }

    /**
     * {@link #deliverAndForward(EventFunction, CloudEvent, Transport, String, String)} for callers that take a
     * callback: {@code done} gets {@code null} when the delivery succeeded (or was dead-lettered) and its reply was
     * passed on, else the failure. Such callers hold several events at once (a batch, a fan-out, a queue): a function
     * at its concurrency limit is waited for, within its timeout, rather than refused, so the events of one batch never
     * refuse each other. Like {@link #deliver(EventFunction, CloudEvent, Transport, String, BiConsumer)},
     * an inline delivery without a reply calls {@code done} before this method returns.
     */
    public void deliverAndForward(EventFunction function, CloudEvent event, Transport transport,
            String logicalSource, String replyTo, Consumer<Throwable> done) {
        deliver(function, event, transport, logicalSource, true, (reply, failure) -> {
            if (failure != null || reply == null) {
                done.accept(failure);
                return;
            }
            (replyTo != null ? sinks.send(replyTo, reply) : replySink.forward(function.name(), reply))
                    .subscribe().with(ignored -> done.accept(null), done);
        });
    }

    /**
     * One attempt (number {@code attempt} of the delivery, traced as a child of {@code parent}): the function with its
     * own timeout (bounded by the transport's deadline), then its reply.
     */
    private Uni<CloudEvent> attempt(EventFunction function, CloudEvent event, Transport transport, String logical,
            Object parent, int attempt) {
        return Uni.createFrom().deferred(() -> {
            ColdStart.attempt(function, event, transport.name());
            InvocationContext context = new InvocationContext(function, event, transport, logical,
                    deadline(function, transport));
            DeliveryTracing.Attempt span = DeliveryTracing.current().start(parent, function, event, logical, attempt);
            context.traced(span.traceparent());
            Uni<CloudEvent> reply = function.invoke(context).map(result -> replies.reply(function, event, result));
            return span == DeliveryTracing.Attempt.NONE ? reply
                    : reply.map(span::stamp).onItemOrFailure().invoke(span::end);
        });
    }

    /** The first attempt, started on this thread through the function's {@link DirectInvoker}; reports its reply. */
    private void attemptNow(EventFunction function, CloudEvent event, Transport transport, String logical,
            Object parent, BiConsumer<CloudEvent, Throwable> reported) {
        ColdStart.attempt(function, event, transport.name());
        Instant deadline = deadline(function, transport);
        if (!Instant.now().isBefore(deadline)) {
            reported.accept(null, new EventloomException(Kind.TIMEOUT, "Function '" + function.name()
                    + "' was not started on event " + event.getId() + ": the caller's deadline had passed"));
            return;
        }
        InvocationContext context = new InvocationContext(function, event, transport, logical, deadline);
        DeliveryTracing.Attempt span = DeliveryTracing.current().start(parent, function, event, logical, 1);
        context.traced(span.traceparent());
        function.direct().invoke(context, (result, failure) -> {
            if (failure != null) {
                span.end(null, failure);
                reported.accept(null, failure);
                return;
            }
            CloudEvent reply;
            try {
                reply = span.stamp(replies.reply(function, event, result));
            } catch (RuntimeException e) {
                span.end(null, e);
                reported.accept(null, e);
                return;
            }
            span.end(reply, null);
            reported.accept(reply, null);
        });
    }

    /** The function's timeout from now, or the transport's deadline when that comes first. */
    private static Instant deadline(EventFunction function, Transport transport) {
        Instant deadline = Instant.now().plus(function.timeout());
        Instant transportDeadline = transport.deadline();
        return transportDeadline != null && transportDeadline.isBefore(deadline) ? transportDeadline : deadline;
    }

    static void log(EventFunction function, CloudEvent event, Throwable failure) {
        InvocationMdc.around(function, event, () -> logFailure(function, event, failure));
    }

    private static void logFailure(EventFunction function, CloudEvent event, Throwable failure) {
        Kind kind = EventloomException.kindOf(failure);
        switch (kind) {
            case FUNCTION_FAILED -> LOG.errorf(failure, LogCodes.FUNCTION_FAILED + " Function '%s' failed on event "
                    + "%s (type %s), error id %s: %s",
                    function.name(), event.getId(), event.getType(), EventloomException.errorId(failure),
                    failure.toString());
            case TIMEOUT -> LOG.warnf(LogCodes.TIMEOUT + " %s", failure.getMessage());
            case BUSY -> LOG.debugf(LogCodes.BUSY + " %s", failure.getMessage());
            default -> LOG.debugf(LogCodes.INVALID_EVENT + " Function '%s' rejected event %s: %s", function.name(),
                    event.getId(), failure.getMessage());
        }
    }
}
