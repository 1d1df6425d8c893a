package dev.eventloom.core.runtime;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.quarkus.runtime.ShutdownEvent;

/**
 * The broker of an application that has none: replies re-enter the router in this process, so {@code A -> reply -> B}
 * runs with {@code quarkus:dev} or {@code java -jar} and nothing else. Each matching function gets the event under its
 * own delivery rules (retries, dead letter, idempotency, concurrency, ordering), as a Knative Broker would deliver it;
 * their replies are routed the same way. A direct caller still gets its reply in the response; the broker routes a
 * copy.
 * <p>
 * An event the broker delivers carries how many functions came before it ({@value #HOPS}): one more than the event its
 * reply answers ({@code causationid}); past {@code eventloom.local-broker.max-hops} it is not routed again
 * ({@link LogCodes#LOCAL_BROKER_LOOP}). A delivery that still fails after its function's retries, with no dead
 * letter, is logged with the event's id ({@link LogCodes#LOCAL_BROKER_FAILED}). On shutdown the deliveries in flight
 * are waited for (within {@code quarkus.shutdown.timeout}); any still running then are logged by id
 * ({@link LogCodes#LOCAL_BROKER_STOPPED}).
 */
@Singleton
public class LocalBroker {

    /** The CloudEvents extension counting the functions an event passed through in this process. */
    public static final String HOPS = "eventloomhops";

    private static final Logger LOG = Logger.getLogger(LocalBroker.class);
    private static final Transport TRANSPORT = Transport.of("local-broker", Map.of());

    private final boolean enabled;
    private final int maxHops;
    private final Execution execution;
    private final Instance<EventDispatcher> dispatcher;
    private volatile EventDispatcher router;
    /** Every delivery in flight: event id and function, and a number of its own. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final AtomicLong deliveries = new AtomicLong();
    /** The hops of every event the broker is delivering, by id: its functions' replies answer it. */
    private final Map<String, Integer> hopsOfDelivered = new ConcurrentHashMap<>();
    private final AtomicReference<Runnable> whenDrained = new AtomicReference<>();
    private final List<Observer> observers = new CopyOnWriteArrayList<>();
    private final Object idle = new Object();

    /** Told of every delivery the broker made, once it ended (tests: {@code dev.eventloom.test.EventloomClient}). */
    @FunctionalInterface
    public interface Observer {
        void delivered(String function, CloudEvent event, Throwable failure);
    }

    @Inject
    LocalBroker(EventloomConfig config, Execution execution, Instance<EventDispatcher> dispatcher) {
        this.execution = execution;
        this.dispatcher = dispatcher;
        this.maxHops = config.localBroker().maxHops();
        this.enabled = config.localBroker().enabled().orElseGet(() -> config.sink().url().isEmpty()
                && absent("K_SINK") && absent("K_SERVICE") && absent("AWS_LAMBDA_RUNTIME_API"));
        if (enabled) {
            LOG.infof(LogCodes.LOCAL_BROKER_ON + " Replies are routed in this process to the functions their "
                    + "triggers select (the "
                    + "local broker, at most %d hops; eventloom.local-broker.enabled=false turns it off)", maxHops);
        }
    }

    /** Read through the configuration, which holds the environment, so tests can set them. */
    private static boolean absent(String variable) {
        return ConfigProvider.getConfig().getOptionalValue(variable, String.class).filter(v -> !v.isBlank()).isEmpty();
    }

    public boolean enabled() {
        return enabled;
    }

    public void observe(Observer observer) {
        observers.add(observer);
    }

    /**
     * Waits until no delivery is in flight: a chain has run to its end when its last function returned without a reply
     * that any trigger selects.
     *
     * @return whether that happened within the timeout
     */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (idle) {
            while (!inFlight.isEmpty()) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                idle.wait(Math.max(1, left / 1_000_000));
            }
        }
        return true;
    }

    /**
     * Routes the reply of {@code function} to every function whose trigger matches it, each delivery on a context of
     * its own; returns at once.
     */
    public void route(String function, CloudEvent reply) {
        EventDispatcher router = router();
        List<EventFunction> targets = router.route(reply, null);
        if (targets.isEmpty()) {
            LOG.debugf("Reply %s of function '%s' matches no trigger", reply.getId(), function);
            return;
        }
        Object cause = reply.getExtension(Replies.CAUSE_EXTENSION);
        Integer before = cause == null ? null : hopsOfDelivered.get(cause.toString());
        Object own = reply.getExtension(HOPS);
        int hops = (before != null ? before
                : own instanceof Number number ? number.intValue() : own == null ? 0 : parse(own.toString())) + 1;
        if (hops > maxHops) {
            LOG.errorf(LogCodes.LOCAL_BROKER_LOOP + " Reply %s of function '%s' is not routed: it comes after %d "
                    + "functions already "
                    + "(eventloom.local-broker.max-hops=%d); do replies trigger each other in a loop?", reply.getId(),
                    function, hops - 1, maxHops);
            return;
        }
        CloudEvent event = CloudEventBuilder.from(reply).withExtension(HOPS, hops).build();
        AtomicInteger pending = new AtomicInteger(targets.size());
        hopsOfDelivered.put(event.getId(), hops);
        for (EventFunction target : targets) {
            String delivery = event.getId() + " to '" + target.name() + "' (#" + deliveries.incrementAndGet() + ")";
            inFlight.add(delivery);
            Consumer<Throwable> ended = failure -> {
                if (failure != null) {
                    LOG.errorf(LogCodes.LOCAL_BROKER_FAILED + " Event %s (reply of function '%s') could not be "
                            + "delivered to function '%s': "
                            + "%s", event.getId(), function, target.name(), failure.getMessage());
                }
                if (pending.decrementAndGet() == 0) {
                    hopsOfDelivered.remove(event.getId());
                }
                for (Observer observer : observers) {
                    observer.delivered(target.name(), event, failure);
                }
                inFlight.remove(delivery);
                drainedNow();
            };
            try {
                execution.isolated(() -> router.deliverAndForward(target, event, TRANSPORT, null, null, ended));
            } catch (RuntimeException e) { // the application is stopping: nothing can run the delivery any more
                ended.accept(e);
            }
        }
    }

    /** The router, looked up once: it depends on this broker, so it cannot be injected here. */
    private EventDispatcher router() {
        EventDispatcher router = this.router;
        if (router == null) {
            router = dispatcher.get();
            this.router = router;
        }
        return router;
    }

    private static int parse(String hops) {
        try {
            return Integer.parseInt(hops.strip());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Calls {@code drained} once no delivery is in flight: at once, or when the last one ends. */
    void drain(Runnable drained) {
        whenDrained.set(drained);
        drainedNow();
    }

    private void drainedNow() {
        if (inFlight.isEmpty()) {
            synchronized (idle) {
                idle.notifyAll();
            }
            Runnable drained = whenDrained.getAndSet(null);
            if (drained != null) {
                drained.run();
            }
        }
    }

    /** After the graceful shutdown's wait: what is still in flight is logged, never lost silently. */
    void stopped(@Observes ShutdownEvent shutdown) {
        for (String delivery : inFlight) {
            LOG.errorf(LogCodes.LOCAL_BROKER_STOPPED + " The application stopped before the local broker delivered "
                    + "event %s", delivery);
        }
    }
}
