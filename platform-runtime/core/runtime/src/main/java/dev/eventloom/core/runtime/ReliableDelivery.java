package dev.eventloom.core.runtime;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import org.jboss.logging.Logger;

import dev.eventloom.core.runtime.EventloomException.Kind;
import dev.eventloom.spi.IdempotencyStore;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.core.provider.EventFormatProvider;
import io.cloudevents.jackson.JsonFormat;
import io.smallrye.mutiny.Uni;

/**
 * A function's {@link DeliveryPolicy} around its attempts: ordering by partition key, the concurrency limit,
 * idempotency, retries with backoff, and the dead letter. Transport-independent: every binding's deliveries pass
 * through here.
 */
final class ReliableDelivery {

    private static final Logger LOG = Logger.getLogger(ReliableDelivery.class);
    private static final int MAX_ERROR_LENGTH = 1000;
    /** How replies are kept in the idempotency store: structured CloudEvents JSON. */
    private static final EventFormat STORED = EventFormatProvider.getInstance().resolveFormat(JsonFormat.CONTENT_TYPE);

    private final Execution execution;
    private final EventSinks sinks;
    private final IdempotencyStore store;
    private final ConcurrentHashMap<String, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();
    private volatile DeliveryObserver[] observers = {};

    ReliableDelivery(Execution execution, EventSinks sinks, IdempotencyStore store) {
        this.execution = execution;
        this.sinks = sinks;
        this.store = store;
    }

    synchronized void observe(DeliveryObserver observer) {
        DeliveryObserver[] more = java.util.Arrays.copyOf(observers, observers.length + 1);
        more[more.length - 1] = observer;
        observers = more;
    }

    private void attempted(EventFunction function, CloudEvent event, int attempt, long started, CloudEvent reply,
            Throwable failure) {
        for (DeliveryObserver observer : observers) {
            try {
                observer.attempted(function, event, attempt, System.nanoTime() - started, reply, failure);
            } catch (RuntimeException e) {
                LOG.debugf(e, "A delivery observer failed on event %s", event.getId());
            }
        }
    }

    private void deadLettered(EventFunction function, CloudEvent dead, String destination) {
        for (DeliveryObserver observer : observers) {
            try {
                observer.deadLettered(function, dead, destination);
            } catch (RuntimeException e) {
                LOG.debugf(e, "A delivery observer failed on event %s", dead.getId());
            }
        }
    }

    /**
     * Delivers with the function's policy; {@code attempt} runs the function once (with its own timeout), given the
     * attempt's number (1 for the first), and gives its reply. The result is the reply, {@code null} (no reply, a skipped duplicate, a dead-lettered event), or the
     * failure the transport must answer with.
     */
    Uni<CloudEvent> deliver(EventFunction function, CloudEvent event, Instant transportDeadline,
            IntFunction<Uni<CloudEvent>> attempt) {
        return deliver(function, event, transportDeadline, attempt, false);
    }

    /**
     * As {@link #deliver(EventFunction, CloudEvent, Instant, IntFunction)}; with {@code waitForSlot}, a function at its
     * concurrency limit is waited for (within its timeout and the transport's deadline) instead of refused at once:
     * for callers that hold several events at once (a batch, a fan-out, a queue), whose events would otherwise refuse
     * each other.
     */
    Uni<CloudEvent> deliver(EventFunction function, CloudEvent event, Instant transportDeadline,
            IntFunction<Uni<CloudEvent>> attempt, boolean waitForSlot) {
        DeliveryPolicy policy = function.delivery();
        Uni<CloudEvent> delivery = Uni.createFrom().deferred(() -> limited(function, event, transportDeadline, attempt,
                waitForSlot));
        String key = policy.ordered() ? partitionKey(event) : null;
        return key == null ? delivery : inOrder(function.name() + '\u0000' + key, delivery);
    }

    /** The CloudEvents partitioning extension, else the subject; {@code null} when the event has neither. */
    static String partitionKey(CloudEvent event) {
        Object key = event.getExtension("partitionkey");
        return key != null ? key.toString() : event.getSubject();
    }

    /** Runs after every earlier delivery with the same key finished, in arrival order. */
    private <T> Uni<T> inOrder(String key, Uni<T> work) {
        return Uni.createFrom().deferred(() -> {
            CompletableFuture<Void> mine = new CompletableFuture<>();
            CompletableFuture<Void> previous = tails.put(key, mine);
            Uni<Void> turn = previous == null ? Uni.createFrom().voidItem()
                    : Uni.createFrom().completionStage(previous).replaceWithVoid();
            return turn.chain(() -> work).onTermination().invoke(() -> {
                tails.remove(key, mine);
                mine.complete(null);
            });
        });
    }

    private Uni<CloudEvent> limited(EventFunction function, CloudEvent event, Instant transportDeadline,
            IntFunction<Uni<CloudEvent>> attempt, boolean waitForSlot) {
        DeliveryPolicy policy = function.delivery();
        Admission admission = function.admission();
        Supplier<Uni<CloudEvent>> admitted = () -> (policy.idempotent()
                ? idempotent(function, event, transportDeadline, attempt)
                : withRetries(function, event, transportDeadline, attempt, 1))
                .onTermination().invoke(admission::release);
        if (admission.tryAcquire()) {
            return admitted.get();
        }
        if (!waitForSlot) {
            return Uni.createFrom().failure(refused(function, event));
        }
        Instant deadline = Instant.now().plus(function.timeout());
        if (transportDeadline != null && transportDeadline.isBefore(deadline)) {
            deadline = transportDeadline;
        }
        long waitMillis = java.time.Duration.between(Instant.now(), deadline).toMillis();
        return Uni.createFrom().<Void> emitter(emitter -> admission.await(waitMillis, execution,
                () -> emitter.complete(null), () -> emitter.fail(new EventloomException(Kind.BUSY, "Function '"
                        + function.name() + "' stayed at its maxConcurrency of " + policy.maxConcurrency() + " for "
                        + waitMillis + " ms; event " + event.getId() + " was not started, retry it later"))))
                .onFailure().invoke(() -> function.metrics().rejected())
                .chain(admitted::get);
    }

    /** The refusal of a delivery over the concurrency limit, counted. */
    private static EventloomException refused(EventFunction function, CloudEvent event) {
        function.metrics().rejected();
        return new EventloomException(Kind.BUSY, "Function '" + function.name() + "' is running "
                + function.delivery().maxConcurrency() + " events, its maxConcurrency; event " + event.getId()
                + " was not started, retry it later");
    }

    private Uni<CloudEvent> idempotent(EventFunction function, CloudEvent event, Instant transportDeadline,
            IntFunction<Uni<CloudEvent>> attempt) {
        DeliveryPolicy policy = function.delivery();
        String key = function.name() + '\u0000' + event.getSource() + '\u0000' + event.getId();
        return store.claim(key, claimTimeout(function))
                .onFailure().transform(e -> new EventloomException(Kind.BUSY, "The idempotency store cannot tell "
                        + "whether event " + event.getId() + " was processed by function '" + function.name()
                        + "' (" + e.getMessage() + "); it was not run: retry it later", e))
                .chain(claim -> switch (claim.state()) {
                    case COMPLETED -> {
                        function.metrics().duplicate();
                        LOG.debugf("Event %s from %s was already processed by function '%s': skipped", event.getId(),
                                event.getSource(), function.name());
                        yield Uni.createFrom().item(claim.result() == null ? null : STORED.deserialize(claim.result()));
                    }
                    case IN_PROGRESS -> Uni.createFrom().failure(new EventloomException(Kind.BUSY, "Event "
                            + event.getId() + " from " + event.getSource() + " is being processed by function '"
                            + function.name() + "' right now; retry it later"));
                    case CLAIMED -> withRetries(function, event, transportDeadline, attempt, 1)
                            .call(reply -> store.complete(key, policy.idempotencyTtl(),
                                    reply == null ? null : STORED.serialize(reply)))
                            .onFailure().call(() -> store.release(key));
                });
    }

    /**
     * How long a claim holds when its holder dies: every attempt the function may make, with the backoff between them.
     */
    static Duration claimTimeout(EventFunction function) {
        DeliveryPolicy policy = function.delivery();
        Duration total = function.timeout().multipliedBy(policy.retries() + 1L);
        for (int retry = 1; retry <= policy.retries(); retry++) {
            total = total.plus(policy.delayBefore(retry));
        }
        return total;
    }

    private Uni<CloudEvent> withRetries(EventFunction function, CloudEvent event, Instant transportDeadline,
            IntFunction<Uni<CloudEvent>> attempt, int number) {
        FunctionMetrics metrics = function.metrics();
        metrics.attempt();
        long started = System.nanoTime();
        return attempt.apply(number)
                .onTermination().invoke(() -> metrics.duration(System.nanoTime() - started))
                .onItemOrFailure().invoke((reply, failure) -> attempted(function, event, number, started, reply,
                        failure))
                .onItem().invoke(() -> metrics.success())
                .onFailure().recoverWithUni(failure -> afterFailure(function, event, transportDeadline, attempt, number,
                        failure));
    }

    /** After attempt {@code number} failed: the next attempt after its backoff, the dead letter, or the failure. */
    private Uni<CloudEvent> afterFailure(EventFunction function, CloudEvent event, Instant transportDeadline,
            IntFunction<Uni<CloudEvent>> attempt, int number, Throwable failure) {
        DeliveryPolicy policy = function.delivery();
        Duration delay = policy.delayBefore(number);
        boolean retryable = retryable(failure) && number <= policy.retries()
                && (transportDeadline == null || Instant.now().plus(delay).isBefore(transportDeadline));
        if (!retryable) {
            return finalFailure(function, event, failure, number);
        }
        function.metrics().retry();
        InvocationMdc.around(function, event, () -> LOG.infof(LogCodes.RETRY + " Function '%s' failed on event %s "
                + "(attempt %d of %d): %s; retrying in %d ms", function.name(), event.getId(), number,
                policy.retries() + 1, failure.getMessage(), delay.toMillis()));
        return wait(delay).chain(() -> withRetries(function, event, transportDeadline, attempt, number + 1));
    }

    /**
     * Whether {@link #deliverNow} can take this function's deliveries: the rules that need no waiting before the
     * first attempt (no ordering, no idempotency store).
     */
    static boolean immediate(DeliveryPolicy policy) {
        return !policy.ordered() && !policy.idempotent();
    }

    /**
     * The same rules as {@link #deliver}, for a function whose first attempt runs on this thread without a
     * {@code Uni} pipeline ({@code now}): when it succeeds, or fails for good with no dead letter, {@code done} is called
     * as soon as the attempt reports, with nothing in between (before this method returns when the attempt completes at
     * once). Retries and dead letters continue on {@code later}, which runs further attempts the ordinary way;
     * {@code done} is then called by that pipeline, on {@code resume} when given; so is a delivery that waits for a
     * slot ({@code waitForSlot}, see {@link #deliver(EventFunction, CloudEvent, Instant, IntFunction, boolean)}). Only
     * for policies {@link #immediate} accepts.
     */
    void deliverNow(EventFunction function, CloudEvent event, Instant transportDeadline, Attempt now,
            IntFunction<Uni<CloudEvent>> later, UnaryOperator<Uni<CloudEvent>> resume, boolean waitForSlot,
            BiConsumer<CloudEvent, Throwable> done) {
        DeliveryPolicy policy = function.delivery();
        FunctionMetrics metrics = function.metrics();
        Admission admission = function.admission();
        if (!admission.tryAcquire()) {
            if (waitForSlot) {
                resume.apply(deliver(function, event, transportDeadline, later, true))
                        .subscribe().with(item -> done.accept(item, null), error -> done.accept(null, error));
            } else {
                done.accept(null, refused(function, event));
            }
            return;
        }
        metrics.attempt();
        long started = System.nanoTime();
        now.run((reply, failure) -> {
            metrics.duration(System.nanoTime() - started);
            attempted(function, event, 1, started, reply, failure);
            if (failure == null) {
                metrics.success();
                admission.release();
                done.accept(reply, null);
            } else if (policy.sentDeadLetter() == null && (policy.retries() == 0 || !retryable(failure))) {
                if (policy.deadLetter() != null) {
                    infrastructureTakesIt(function, event, 1);
                }
                EventDispatcher.log(function, event, failure);
                metrics.failure();
                admission.release();
                done.accept(null, failure);
            } else {
                resume.apply(afterFailure(function, event, transportDeadline, later, 1, failure)
                        .onTermination().invoke(admission::release))
                        .subscribe().with(item -> done.accept(item, null), error -> done.accept(null, error));
            }
        });
    }

    /** An attempt that starts on the calling thread and reports its reply (or {@code null}) or failure once. */
    @FunctionalInterface
    interface Attempt {
        void run(BiConsumer<CloudEvent, Throwable> reported);
    }

    /** Malformed or unreadable input and unknown functions fail the same way every time: no retry. */
    static boolean retryable(Throwable failure) {
        Kind kind = EventloomException.kindOf(failure);
        return kind != Kind.INVALID_INPUT && kind != Kind.UNSUPPORTED_CONTENT_TYPE && kind != Kind.NOT_FOUND;
    }

    private Uni<Void> wait(Duration delay) {
        if (delay.isZero()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().emitter(emitter -> execution.schedule(delay.toMillis(), () -> emitter.complete(null)));
    }

    private Uni<CloudEvent> finalFailure(EventFunction function, CloudEvent event, Throwable failure, int attempts) {
        DeliveryPolicy policy = function.delivery();
        FunctionMetrics metrics = function.metrics();
        EventDispatcher.log(function, event, failure);
        if (policy.sentDeadLetter() == null) {
            if (policy.deadLetter() != null) {
                infrastructureTakesIt(function, event, attempts);
            }
            metrics.failure();
            return Uni.createFrom().failure(failure);
        }
        CloudEvent dead = deadLetter(function, event, failure, attempts);
        return sinks.send(policy.deadLetter(), dead)
                .onItem().transform(ignored -> {
                    metrics.deadLettered();
                    deadLettered(function, dead, policy.deadLetter());
                    InvocationMdc.around(function, event, () -> LOG.warnf(LogCodes.DEAD_LETTER + " Event %s went to "
                            + "the dead "
                            + "letter %s after %d attempt(s) of function '%s'", event.getId(), policy.deadLetter(),
                            attempts, function.name()));
                    return (CloudEvent) null;
                })
                .onFailure().transform(sendFailure -> {
                    metrics.failure();
                    LOG.errorf(LogCodes.DEAD_LETTER + " Event %s could not go to the dead letter %s: %s; the "
                            + "failure goes back to "
                            + "the transport", event.getId(), policy.deadLetter(), sendFailure.getMessage());
                    failure.addSuppressed(sendFailure);
                    return failure;
                });
    }

    private static void infrastructureTakesIt(EventFunction function, CloudEvent event, int attempts) {
        LOG.warnf(LogCodes.INFRASTRUCTURE_DEAD_LETTER + " Event %s failed after %d attempt(s) of function '%s'; its "
                + "dead letter %s belongs to the "
                + "infrastructure, so the failure goes back to the transport, whose redrive policy or on-failure "
                + "destination takes it", event.getId(), attempts, function.name(), function.delivery().deadLetter());
    }

    /**
     * The event as it arrived, attributes and data intact, with what went wrong as extensions; when deliveries are
     * traced its {@code traceparent} is the last attempt's span, so the dead letter continues the trace from there.
     */
    static CloudEvent deadLetter(EventFunction function, CloudEvent event, Throwable failure, int attempts) {
        String message = String.valueOf(failure.getMessage());
        if (message.length() > MAX_ERROR_LENGTH) {
            message = message.substring(0, MAX_ERROR_LENGTH) + "...";
        }
        CloudEventBuilder dead = CloudEventBuilder.from(event);
        String traceparent = DeliveryTracing.traceparentOf(failure);
        if (traceparent != null) {
            dead.withExtension(DeliveryTracing.TRACEPARENT, traceparent);
        }
        return dead.withExtension("eventloomfunction", function.name())
                .withExtension("eventloomattempts", attempts)
                .withExtension("eventloomerrortype", failure instanceof EventloomException e
                        ? e.kind().name().toLowerCase(java.util.Locale.ROOT)
                        : failure.getClass().getName())
                .withExtension("eventloomerror", message)
                .withExtension("eventloomfailedtime", OffsetDateTime.now(ZoneOffset.UTC))
                .build();
    }
}
