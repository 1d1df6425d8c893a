package dev.eventloom.core.runtime;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.core.runtime.EventloomException.Kind;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

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
    private final Map<String, String> logicalSources = new HashMap<>();

    @Inject
    EventDispatcher(FunctionRegistry registry, ObjectMapper mapper, EventloomConfig config, Vertx vertx,
            EventSinks sinks, IdempotencyStore idempotency, ReplySink replySink) {
        this.registry = registry;
        this.replySink = replySink;
        this.sinks = sinks;
        this.replies = new Replies(mapper);
        this.reliable = new ReliableDelivery(vertx, sinks, idempotency);
        config.sources().forEach((name, source) -> source.ceSource().forEach(ce -> logicalSources.put(ce, name)));
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
        String logical = logicalSource != null ? logicalSource : logicalSource(event);
        Uni<CloudEvent> reply = reliable.deliver(function, event, transport.deadline(),
                () -> attempt(function, event, transport, logical));
        Context caller = Vertx.currentContext();
        if (caller == null) {
            return reply;
        }
        boolean eventLoop = caller.isEventLoopContext();
        return reply.emitOn(command -> {
            // Inside executeBlocking the caller's context is current on a worker thread too: compare threads as well.
            if (Vertx.currentContext() == caller && (!eventLoop || Context.isOnEventLoopThread())) {
                command.run();
            } else {
                caller.runOnContext(ignored -> command.run());
            }
        });
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
        return deliver(function, event, transport, logicalSource)
                .chain(reply -> reply != null && replyTo != null ? sinks.send(replyTo, reply)
                        : replySink.forward(function.name(), reply))
                .onItemOrFailure().transform((ignored, failure) -> failure);
    }

    /** One attempt: the function with its own timeout (bounded by the transport's deadline), then its reply. */
    private Uni<CloudEvent> attempt(EventFunction function, CloudEvent event, Transport transport, String logical) {
        return Uni.createFrom().deferred(() -> {
            Instant deadline = Instant.now().plus(function.timeout());
            Instant transportDeadline = transport.deadline();
            if (transportDeadline != null && transportDeadline.isBefore(deadline)) {
                deadline = transportDeadline;
            }
            InvocationContext context = new InvocationContext(function, event, transport, logical, deadline);
            return function.invoke(context).map(result -> replies.reply(function, event, result));
        });
    }

    static void log(EventFunction function, CloudEvent event, Throwable failure) {
        Kind kind = EventloomException.kindOf(failure);
        switch (kind) {
            case FUNCTION_FAILED -> LOG.errorf(failure, "[EVL-0500] Function '%s' failed on event %s (type %s): %s",
                    function.name(), event.getId(), event.getType(), failure.toString());
            case TIMEOUT -> LOG.warnf("[EVL-0504] %s", failure.getMessage());
            case BUSY -> LOG.debugf("[EVL-0429] %s", failure.getMessage());
            default -> LOG.debugf("[EVL-0400] Function '%s' rejected event %s: %s", function.name(), event.getId(),
                    failure.getMessage());
        }
    }
}
