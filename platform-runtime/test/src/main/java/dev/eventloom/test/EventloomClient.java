package dev.eventloom.test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.eventloom.core.runtime.EventDispatcher;
import dev.eventloom.core.runtime.EventFunction;
import dev.eventloom.core.runtime.EventSinks;
import dev.eventloom.core.runtime.LocalBroker;
import dev.eventloom.core.runtime.Transport;
import io.cloudevents.CloudEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;

/**
 * Sends events through the application's router in the process, from a {@code @QuarkusTest}:
 *
 * <pre>{@code
 * @Inject
 * EventloomClient eventloom;
 *
 * Outcome outcome = eventloom.send(Events.cloudEvent("greeting.requested").json("{\"name\":\"Ada\"}"));
 * assertEquals("Hello Ada", outcome.replyData(Greeting.class).message());
 * }</pre>
 *
 * Each function the event's triggers select gets it under its delivery rules (retries, dead letter, concurrency,
 * idempotency), exactly as from a binding; {@link #send} returns once they all ended and the chain their replies
 * started on the local broker has run out. Destinations {@code memory:<name>} (a dead letter, the sink) keep what is
 * sent there for {@link #sink(String)}: {@code %test.eventloom.function."bill".dead-letter=memory:dead}.
 */
@Singleton
public class EventloomClient {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Transport TRANSPORT = Transport.of("test", Map.of());

    private final EventDispatcher dispatcher;
    private final LocalBroker broker;
    private final Map<String, List<CloudEvent>> memory = new ConcurrentHashMap<>();
    private final List<Outcome.Delivery> chain = new CopyOnWriteArrayList<>();

    @Inject
    EventloomClient(EventDispatcher dispatcher, LocalBroker broker, EventSinks sinks) {
        this.dispatcher = dispatcher;
        this.broker = broker;
        sinks.register("memory", (destination, event) -> {
            memory.computeIfAbsent(destination.substring("memory:".length()), name -> new CopyOnWriteArrayList<>())
                    .add(event);
            return Uni.createFrom().voidItem();
        });
        broker.observe((function, event, failure) -> chain.add(new Outcome.Delivery(function, event, null, failure)));
    }

    /** Created with the application, so {@code memory:} destinations work from the first event. */
    void start(@Observes StartupEvent startup) {
    }

    /** Sends the event to the functions its triggers select; see the class comment. */
    public Outcome send(CloudEvent event) {
        return deliver(dispatcher.route(event, null), event);
    }

    private Outcome deliver(List<EventFunction> targets, CloudEvent event) {
        chain.clear();
        List<CompletableFuture<Outcome.Delivery>> running = new ArrayList<>();
        for (EventFunction function : targets) {
            CompletableFuture<Outcome.Delivery> done = new CompletableFuture<>();
            dispatcher.deliver(function, event, TRANSPORT, null, (reply, failure) -> done.complete(
                    new Outcome.Delivery(function.name(), event, reply, failure)));
            running.add(done);
        }
        List<Outcome.Delivery> deliveries = new ArrayList<>();
        for (CompletableFuture<Outcome.Delivery> done : running) {
            deliveries.add(await(done));
        }
        try {
            if (broker.enabled() && !broker.awaitIdle(WAIT)) {
                throw new AssertionError("The chain started by event " + event.getId() + " did not end within " + WAIT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while the chain of event " + event.getId() + " ran", e);
        }
        return new Outcome(List.copyOf(deliveries), List.copyOf(chain));
    }

    /**
     * Delivers the event to the function of that name whatever its triggers say, as a direct caller does (an HTTP
     * request to {@code /<function>}); the chain its reply starts runs as after {@link #send}.
     */
    public Outcome call(String function, CloudEvent event) {
        EventFunction target = dispatcher.function(function).orElseThrow(() -> new AssertionError(
                "No function '" + function + "'; the application has " + dispatcher.functions().stream()
                        .map(EventFunction::name).sorted().toList()));
        return deliver(List.of(target), event);
    }

    /** What was sent to {@code memory:<name>} so far. */
    public List<CloudEvent> sink(String name) {
        return List.copyOf(memory.getOrDefault(name, List.of()));
    }

    /** Forgets what the {@code memory:} sinks hold. */
    public void clearSinks() {
        memory.clear();
    }

    /**
     * Invokes the application as AWS Lambda would, through quarkus-amazon-lambda's mock Runtime API (applications with
     * the Lambda binding): the event is what AWS sends ({@link dev.eventloom.samples.AwsEvents}), the answer what the function returns to
     * AWS, for instance {@code {"batchItemFailures":[...]}}.
     */
    public String lambda(String awsEvent) {
        int port = ConfigProvider.getConfig().getOptionalValue("quarkus.lambda.mock-event-server.test-port",
                Integer.class).orElse(8083);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/_lambda_"))
                .header("Content-Type", "application/json").timeout(WAIT)
                .POST(HttpRequest.BodyPublishers.ofString(awsEvent)).build();
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError("The Lambda invocation failed (HTTP " + response.statusCode() + "): "
                        + response.body());
            }
            return response.body();
        } catch (java.io.IOException e) {
            throw new AssertionError("No mock Lambda Runtime API on port " + port + " (does the application have "
                    + "dev.eventloom:eventloom-lambda?): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while invoking the Lambda", e);
        }
    }

    private static <T> T await(CompletableFuture<T> done) {
        try {
            return done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("A delivery did not end within " + WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted while waiting for a delivery", e);
        }
    }
}
