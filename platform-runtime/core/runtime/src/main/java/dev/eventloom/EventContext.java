package dev.eventloom;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a function can know about the event it is handling: its CloudEvents attributes and extensions, the transport it
 * arrived on, and the time it has left.
 * <p>
 * Declare a parameter of this type annotated with {@link io.quarkus.funqy.Context} to receive it:
 *
 * <pre>
 * &#64;Funq
 * public Uni&lt;Invoice&gt; bill(Order order, &#64;Context EventContext event) {
 *     log.infof("billing order from %s, %s left", event.source(), event.remainingTime());
 *     ...
 * }
 * </pre>
 *
 * An instance is valid for the duration of one invocation only.
 */
public interface EventContext {

    /** The name of the function being invoked. */
    String functionName();

    /** The CloudEvents {@code id} attribute. */
    String id();

    /** The CloudEvents {@code source} attribute. */
    URI source();

    /** The CloudEvents {@code type} attribute. */
    String type();

    /** The CloudEvents {@code specversion} attribute, for example {@code "1.0"}. */
    String specVersion();

    /** The CloudEvents {@code subject} attribute, or {@code null}. */
    String subject();

    /** The CloudEvents {@code time} attribute, or {@code null}. */
    OffsetDateTime time();

    /** The CloudEvents {@code datacontenttype} attribute, or {@code null}. */
    String dataContentType();

    /** The CloudEvents {@code dataschema} attribute, or {@code null}. */
    URI dataSchema();

    /**
     * The value of a CloudEvents extension attribute ({@code String}, {@code Integer}, {@code Boolean}, {@code URI},
     * {@code OffsetDateTime} or {@code byte[]}), or {@code null} when the event does not carry it.
     */
    Object extension(String name);

    /** The names of the extension attributes the event carries. */
    Set<String> extensionNames();

    /** The whole event, as the CloudEvents Java SDK represents it. */
    io.cloudevents.CloudEvent cloudEvent();

    /**
     * The logical source the event came from (see {@link Trigger#source()}), or empty when the binding could not name
     * one.
     */
    Optional<String> logicalSource();

    /** The transport the event arrived on: {@code "http"}, {@code "lambda"}, {@code "messaging"}, ... */
    String transport();

    /**
     * The headers or metadata the transport delivered with the event (HTTP request headers, for example). Names are
     * as received; use {@link #header(String)} for a case-insensitive lookup.
     */
    Map<String, List<String>> headers();

    /** The first value of a transport header, compared case-insensitively, or {@code null}. */
    String header(String name);

    /**
     * The transport's own object, when the binding exposes one of the given type (for example Vert.x's
     * {@code RoutingContext} on HTTP).
     */
    <T> Optional<T> transportObject(Class<T> type);

    /** The instant at which this invocation times out. */
    Instant deadline();

    /** The time left until {@link #deadline()}, never negative. */
    default Duration remainingTime() {
        Duration left = Duration.between(Instant.now(), deadline());
        return left.isNegative() ? Duration.ZERO : left;
    }
}
