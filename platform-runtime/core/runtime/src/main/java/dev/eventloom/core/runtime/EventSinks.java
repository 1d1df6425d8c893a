package dev.eventloom.core.runtime;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import dev.eventloom.core.runtime.EventloomException.Kind;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;

/**
 * Where events can be sent by name: {@code http://} and {@code https://} URLs (POSTed as binary-mode CloudEvents),
 * {@code file:<path>} (one JSON event per line, for local runs) and whatever schemes bindings register, such as {@code channel:<name>} for outgoing messaging channels. Dead letters and
 * replies go through here.
 */
@Singleton
public class EventSinks {

    /** Sends one event to a destination of one scheme. */
    @FunctionalInterface
    public interface Sink {
        Uni<Void> send(String destination, CloudEvent event);
    }

    private final Map<String, Sink> byScheme = new ConcurrentHashMap<>();

    @Inject
    EventSinks(ReplySink http) {
        byScheme.put("http", (destination, event) -> http.send(URI.create(destination), event));
        byScheme.put("https", byScheme.get("http"));
        byScheme.put("file", new FileSink());
    }

    /** Makes {@code scheme:...} destinations reachable. */
    public void register(String scheme, Sink sink) {
        byScheme.put(scheme, sink);
    }

    public Uni<Void> send(String destination, CloudEvent event) {
        int colon = destination.indexOf(':');
        Sink sink = colon > 0 ? byScheme.get(destination.substring(0, colon)) : null;
        if (sink == null) {
            return Uni.createFrom().failure(new EventloomException(Kind.SINK_FAILED, "No sink can take events to '"
                    + destination + "'" + (destination.startsWith("channel:")
                            ? ": channel destinations need the messaging binding (eventloom-messaging)"
                            : destination.startsWith("memory:")
                                    ? ": memory destinations are for tests, with dev.eventloom:eventloom-test" : "")));
        }
        return sink.send(destination, event);
    }
}
