package dev.eventloom.core.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.eventloom.core.runtime.EventloomException.Kind;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;

/**
 * Sends replies that cannot go back to the caller to the configured sink ({@code eventloom.sink.url}, else
 * {@code K_SINK}) as binary-mode CloudEvents over HTTP. A sink that does not answer 2xx within
 * {@code eventloom.sink.timeout} is a failure the binding reports to its caller, so the event is redelivered rather than
 * its reply lost.
 */
@Singleton
public class ReplySink {

    private static final Logger LOG = Logger.getLogger(ReplySink.class);

    private final Optional<URI> url;
    private final Duration timeout;
    private final Execution execution;

    private final jakarta.enterprise.inject.Instance<EventSinks> sinks;
    private final LocalBroker broker;

    @Inject
    ReplySink(EventloomConfig config, Execution execution, jakarta.enterprise.inject.Instance<EventSinks> sinks,
            LocalBroker broker) {
        this.sinks = sinks;
        this.broker = broker;
        this.execution = execution;
        this.timeout = config.sink().timeout();
        Optional<String> configured = config.sink().url().map(URI::toString);
        String name = configured.isPresent() ? "eventloom.sink.url" : "K_SINK";
        Optional<String> sink = configured.or(() -> Optional.ofNullable(System.getenv("K_SINK"))
                .filter(value -> !value.isBlank()));
        sink.ifPresent(value -> {
            String invalid = DeliveryPolicy.invalidDestination(value);
            if (invalid != null) {
                throw new io.quarkus.runtime.configuration.ConfigurationException(
                        LogCodes.INVALID_SINK + " The sink " + name + "='" + value + "' " + invalid);
            }
        });
        this.url = sink.map(URI::create);
    }

    /** The sink URL, if one is configured. */
    public Optional<URI> url() {
        return url;
    }

    /**
     * Forwards the reply of a delivery whose caller cannot receive it (fan-out, batches, queues): to the sink when one
     * is set, else to the functions its triggers select through the {@link LocalBroker} when it runs, else it is
     * logged {@link LogCodes#REPLY_DROPPED} and dropped. A {@code null} reply is nothing to forward.
     */
    public Uni<Void> forward(String function, CloudEvent reply) {
        if (reply == null) {
            return Uni.createFrom().voidItem();
        }
        if (url.isEmpty() && broker.enabled()) {
            broker.route(function, reply);
            return Uni.createFrom().voidItem();
        }
        if (url.isEmpty()) {
            LOG.warnf(LogCodes.REPLY_DROPPED + " Reply %s of function '%s' was dropped: it cannot go back to the "
                    + "caller (fan-out, "
                    + "batch or queue) and no sink is set; set eventloom.sink.url or K_SINK", reply.getId(), function);
            return Uni.createFrom().voidItem();
        }
        String scheme = url.get().getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            return sinks.get().send(url.get().toString(), reply); // channel:<name>, registered by a binding
        }
        return send(reply);
    }

    /** Posts the reply to the sink; fails when none is configured or it does not accept the event. */
    public Uni<Void> send(CloudEvent reply) {
        if (url.isEmpty()) {
            return Uni.createFrom().failure(new EventloomException(Kind.SINK_FAILED, "Reply " + reply.getId()
                    + " has no sink to go to: set eventloom.sink.url or the K_SINK environment variable"));
        }
        return post(url.get(), reply, "Reply", "the sink ");
    }

    /** Posts an event to {@code target} as a binary-mode CloudEvent; fails unless it answers 2xx in time. */
    public Uni<Void> send(URI target, CloudEvent event) {
        return post(target, event, "Event", "");
    }

    private Uni<Void> post(URI target, CloudEvent event, String noun, String article) {
        return execution.post(target, event, timeout).onItemOrFailure().transformToUni((posted, failure) -> {
            if (failure != null) {
                return Uni.createFrom().failure(new EventloomException(Kind.SINK_FAILED, noun + " " + event.getId()
                        + " could not be sent to " + article + target + ": " + failure.getMessage()));
            }
            int status = posted.status();
            if (status / 100 == 3) {
                LOG.errorf(LogCodes.SINK_REDIRECTED + " %s %s was not delivered: %s%s answered HTTP %d with "
                        + "Location %s, and redirects "
                        + "are never followed; point the destination at the final address", noun, event.getId(),
                        article, target, status, posted.location());
                return Uni.createFrom().failure(new EventloomException(Kind.SINK_FAILED, (article.isEmpty() ? ""
                        : "The sink ") + target + " answered " + noun.toLowerCase(java.util.Locale.ROOT) + " "
                        + event.getId() + " with a redirect (HTTP " + status + "), which is not followed"));
            }
            if (status / 100 != 2) {
                return Uni.createFrom().failure(new EventloomException(Kind.SINK_FAILED,
                        (article.isEmpty() ? "" : "The sink ") + target + " refused "
                                + noun.toLowerCase(java.util.Locale.ROOT) + " " + event.getId() + " with HTTP " + status));
            }
            return Uni.createFrom().voidItem();
        });
    }
}
