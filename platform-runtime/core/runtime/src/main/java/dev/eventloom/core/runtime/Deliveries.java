package dev.eventloom.core.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.eventloom.core.runtime.EventloomException.Kind;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

/**
 * Deliveries that hold several at once, for every binding: one event to every function its triggers select (a
 * fan-out), and batches of events (an HTTP batch, a Lambda batch) with bounded concurrency, events that share an order
 * key one after another. A binding converts what it received into {@link Event}s and the {@link Outcome}s into its
 * transport's answer (a problem list, {@code batchItemFailures}, an ack or nack); what is decided here is the same on
 * every transport.
 */
@Singleton
public class Deliveries {

    /**
     * One event and the functions to deliver it to; replies go to {@code replyTo}, else the sink. An event the binding
     * could not read or route has a {@code problem} instead (it fails with it, and stops its order group).
     */
    public record Event(CloudEvent event, List<EventFunction> targets, Transport transport, String logicalSource,
            String replyTo, String orderKey, EventloomException problem) {

        public Event(CloudEvent event, List<EventFunction> targets, Transport transport, String logicalSource,
                String replyTo, String orderKey) {
            this(event, targets, transport, logicalSource, replyTo, orderKey, null);
        }

        /** An event that cannot be delivered, for why. */
        public static Event undeliverable(EventloomException problem, String orderKey) {
            return new Event(null, List.of(), null, null, null, orderKey, problem);
        }

        String describe() {
            return event != null ? "event " + event.getId() : "an unreadable event";
        }
    }

    /** A function's failure on an event; {@code function} is {@code null} when the event reached no function. */
    public record Failure(EventFunction function, Throwable failure) {
    }

    /** How the event at {@code index} ended: every failure, none when each of its functions succeeded. */
    public record Outcome(int index, List<Failure> failures) {

        public boolean succeeded() {
            return failures.isEmpty();
        }

        /** The first failure, or {@code null}. */
        public Throwable failure() {
            return failures.isEmpty() ? null : failures.get(0).failure();
        }
    }

    private final EventDispatcher dispatcher;
    private final Execution execution;

    @Inject
    Deliveries(EventDispatcher dispatcher, Execution execution) {
        this.dispatcher = dispatcher;
        this.execution = execution;
    }

    /**
     * Delivers the event to each of its targets, each as a request of its own (a slow or failing function does not
     * hold or fail the others' deliveries), waiting for a slot where a function is at its concurrency limit; replies
     * are forwarded. {@code done} gets the failures once every delivery ended, an empty list when all succeeded.
     */
    public void fanOut(Event event, Consumer<List<Failure>> done) {
        fanOut(event.targets(), (function, ended) -> dispatcher.deliverAndForward(function, event.event(),
                event.transport(), event.logicalSource(), event.replyTo(), ended), done);
    }

    /**
     * {@link #fanOut(Event, Consumer)} with the binding's own delivery of one function ({@code deliverOne} calls its
     * callback with {@code null} or the failure), for bindings that add a rule of their transport around it.
     */
    public void fanOut(List<EventFunction> targets, BiConsumer<EventFunction, Consumer<Throwable>> deliverOne,
            Consumer<List<Failure>> done) {
        if (targets.size() == 1) {
            EventFunction only = targets.get(0);
            Consumer<Throwable> ended = failure -> done.accept(failure == null ? List.of()
                    : List.of(new Failure(only, failure)));
            try {
                deliverOne.accept(only, ended);
            } catch (RuntimeException e) {
                ended.accept(e);
            }
            return;
        }
        List<Failure> failures = new ArrayList<>();
        AtomicInteger remaining = new AtomicInteger(targets.size());
        for (EventFunction function : targets) {
            try {
                execution.isolated(() -> {
                    try {
                        deliverOne.accept(function, failure -> ended(function, failure, failures, remaining, done));
                    } catch (RuntimeException e) {
                        ended(function, e, failures, remaining, done);
                    }
                });
            } catch (RuntimeException e) {
                // Not even started (the application is stopping): a failure of its own, so done is still called.
                ended(function, e, failures, remaining, done);
            }
        }
    }

    private static void ended(EventFunction function, Throwable failure, List<Failure> failures,
            AtomicInteger remaining, Consumer<List<Failure>> done) {
        if (failure != null) {
            synchronized (failures) {
                failures.add(new Failure(function, failure));
            }
        }
        if (remaining.decrementAndGet() == 0) {
            done.accept(List.copyOf(failures));
        }
    }

    /**
     * Delivers a batch: at most {@code concurrency} events at once; events with the same order key one after another
     * in batch order, and after one of them fails the rest of its group is not delivered (each reported as failed, so
     * order is kept on redelivery). An event with no target fails as {@link Kind#NOT_FOUND}. The outcomes come in no
     * particular order; each names its event's index.
     */
    public Uni<List<Outcome>> deliverAll(List<Event> events, int concurrency) {
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        List<Supplier<Uni<List<Outcome>>>> work = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            int index = i;
            if (events.get(i).orderKey() == null) {
                work.add(() -> deliver(index, events.get(index)).map(List::of));
            } else {
                groups.computeIfAbsent(events.get(i).orderKey(), key -> new ArrayList<>()).add(i);
            }
        }
        groups.values().forEach(group -> work.add(() -> inOrder(events, group, 0, new ArrayList<>())));
        if (work.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return Multi.createFrom().iterable(work)
                .onItem().transformToUni(Supplier::get).merge(concurrency)
                .collect().<List<Outcome>> in(ArrayList::new, List::addAll);
    }

    private Uni<Outcome> deliver(int index, Event event) {
        if (event.problem() != null) {
            return Uni.createFrom().item(new Outcome(index, List.of(new Failure(null, event.problem()))));
        }
        if (event.targets().isEmpty()) {
            CloudEvent e = event.event();
            return Uni.createFrom().item(new Outcome(index, List.of(new Failure(null, new EventloomException(
                    Kind.NOT_FOUND, "No trigger matches event " + e.getId() + " (type '" + e.getType() + "', source '"
                            + e.getSource() + "')")))));
        }
        // Each event of a batch as a request of its own, like each function of a fan-out.
        return Uni.createFrom().emitter(emitter -> execution.isolated(() -> fanOut(event,
                failures -> emitter.complete(new Outcome(index, failures)))));
    }

    private Uni<List<Outcome>> inOrder(List<Event> events, List<Integer> group, int next, List<Outcome> done) {
        if (next == group.size()) {
            return Uni.createFrom().item(done);
        }
        int index = group.get(next);
        return deliver(index, events.get(index)).chain(outcome -> {
            done.add(outcome);
            if (outcome.succeeded()) {
                return inOrder(events, group, next + 1, done);
            }
            for (int rest = next + 1; rest < group.size(); rest++) {
                done.add(new Outcome(group.get(rest), List.of(new Failure(null, new EventloomException(
                        Kind.FUNCTION_FAILED, "not delivered: " + events.get(index).describe()
                                + " before it in the same ordered group failed, and order must be kept")))));
            }
            return Uni.createFrom().item(done);
        });
    }
}
