package dev.eventloom.core.runtime.devui;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.core.runtime.CloudEventValidation;
import dev.eventloom.core.runtime.Deliveries;
import dev.eventloom.core.runtime.DeliveryObserver;
import dev.eventloom.core.runtime.EventDispatcher;
import dev.eventloom.core.runtime.EventFunction;
import dev.eventloom.core.runtime.EventloomException;
import dev.eventloom.core.runtime.Transport;
import io.cloudevents.CloudEvent;
import io.cloudevents.jackson.JsonFormat;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * The Dev UI's Eventloom card, server side (dev mode only): the invocation log, as a list and as a stream, sending an
 * event through the router, and replaying a logged one.
 */
@ApplicationScoped
public class EventloomJsonRpcService {

    /** Entries the log keeps; older ones are dropped. */
    static final int KEPT = 200;
    /** Characters of an event's or reply's data shown in the log. */
    static final int SHOWN = 16 * 1024;
    private static final Transport TRANSPORT = Transport.of("dev-ui", Map.of());
    private static final ObjectMapper EVENTS = new ObjectMapper().registerModule(JsonFormat.getCloudEventJacksonModule());

    private final EventDispatcher dispatcher;
    private final Deliveries deliveries;
    private final BroadcastProcessor<JsonObject> stream = BroadcastProcessor.create();
    private final Deque<Logged> log = new ConcurrentLinkedDeque<>();
    private final AtomicLong sequence = new AtomicLong();

    private record Logged(long id, CloudEvent event, JsonObject entry) {
    }

    EventloomJsonRpcService(EventDispatcher dispatcher, Deliveries deliveries) {
        this.dispatcher = dispatcher;
        this.deliveries = deliveries;
    }

    void start(@Observes StartupEvent startup) {
        dispatcher.observe(new DeliveryObserver() {
            @Override
            public void attempted(EventFunction function, CloudEvent event, int attempt, long nanos, CloudEvent reply,
                    Throwable failure) {
                JsonObject entry = entry(function, event).put("attempt", attempt)
                        .put("durationMs", nanos / 1_000_000.0)
                        .put("outcome", failure == null ? "ok" : "failed");
                if (failure != null) {
                    entry.put("error", failure instanceof EventloomException ? failure.getMessage()
                            : failure.getClass().getName() + ": " + failure.getMessage());
                }
                if (reply != null) {
                    entry.put("replyType", reply.getType()).put("reply", data(reply));
                }
                record(event, entry);
            }

            @Override
            public void deadLettered(EventFunction function, CloudEvent event, String destination) {
                record(event, entry(function, event).put("outcome", "dead-lettered").put("deadLetter", destination)
                        .put("attempt", event.getExtension("eventloomattempts")));
            }
        });
    }

    private static JsonObject entry(EventFunction function, CloudEvent event) {
        return new JsonObject().put("time", OffsetDateTime.now(ZoneOffset.UTC).toString())
                .put("function", function.name()).put("eventId", event.getId()).put("type", event.getType())
                .put("source", event.getSource().toString()).put("subject", event.getSubject())
                .put("event", data(event));
    }

    private static String data(CloudEvent event) {
        if (event.getData() == null) {
            return null;
        }
        String text = new String(event.getData().toBytes(), StandardCharsets.UTF_8);
        return text.length() > SHOWN ? text.substring(0, SHOWN) + "..." : text;
    }

    private void record(CloudEvent event, JsonObject entry) {
        long id = sequence.incrementAndGet();
        entry.put("id", id);
        log.addLast(new Logged(id, event, entry));
        while (log.size() > KEPT) {
            log.pollFirst();
        }
        stream.onNext(entry);
    }

    /** The invocation log, oldest first. */
    public JsonArray getInvocations() {
        JsonArray entries = new JsonArray();
        log.forEach(logged -> entries.add(logged.entry()));
        return entries;
    }

    /** Every new entry of the invocation log. */
    public Multi<JsonObject> streamInvocations() {
        return stream;
    }

    /** Forgets the log. */
    public JsonObject clearInvocations() {
        log.clear();
        return new JsonObject().put("cleared", true);
    }

    /**
     * Sends a structured CloudEvent (JSON) to the functions its triggers select, as a broker would: their replies go on
     * to the local broker or the sink. The answer names the functions and how each delivery ended; the log shows each
     * attempt.
     */
    public Uni<JsonObject> send(String event) {
        CloudEvent parsed;
        try {
            parsed = CloudEventValidation.validate(EVENTS.readValue(event, CloudEvent.class));
        } catch (Exception e) {
            return Uni.createFrom().item(new JsonObject().put("error", "Not a structured CloudEvent: "
                    + e.getMessage()));
        }
        return deliver(parsed);
    }

    /** Sends the event of a log entry again, unchanged (an idempotent function skips it as a duplicate). */
    public Uni<JsonObject> replay(long id) {
        for (Logged logged : log) {
            if (logged.id() == id) {
                return deliver(logged.event());
            }
        }
        return Uni.createFrom().item(new JsonObject().put("error", "No log entry " + id + " (the log keeps the last "
                + KEPT + ")"));
    }

    private Uni<JsonObject> deliver(CloudEvent event) {
        List<EventFunction> targets = dispatcher.route(event, null);
        JsonObject answer = new JsonObject().put("eventId", event.getId());
        if (targets.isEmpty()) {
            return Uni.createFrom().item(answer.put("error", "No trigger matches type '" + event.getType()
                    + "' from '" + event.getSource() + "'"));
        }
        return Uni.createFrom().emitter(emitter -> deliveries.fanOut(
                new Deliveries.Event(event, targets, TRANSPORT, null, null, null), failures -> {
                    JsonArray results = new JsonArray();
                    for (EventFunction function : targets) {
                        Throwable failure = failures.stream().filter(f -> f.function() == function)
                                .map(Deliveries.Failure::failure).findFirst().orElse(null);
                        results.add(new JsonObject().put("function", function.name())
                                .put("outcome", failure == null ? "ok" : "failed")
                                .put("error", failure == null ? null : failure.getMessage()));
                    }
                    emitter.complete(answer.put("deliveries", results));
                }));
    }
}
