package dev.eventloom;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Map;

/**
 * A CloudEvent whose data is bound to a Java type.
 * <p>
 * As a function parameter, it gives the event's attributes together with its data decoded as {@code T}:
 *
 * <pre>
 * &#64;Funq
 * public void audit(CloudEvent&lt;AuditEntry&gt; event) { ... event.subject() ... event.data() ... }
 * </pre>
 *
 * As a return value, it lets the function choose the reply's attributes. Attributes left {@code null} are filled in
 * from the function's reply settings ({@link Reply}): a new id, the reply type and the reply source.
 *
 * <pre>
 * return CloudEvent.of(invoice).withType("com.acme.invoice.issued").withSubject(order.id());
 * </pre>
 *
 * @param id              the {@code id} attribute
 * @param source          the {@code source} attribute
 * @param type            the {@code type} attribute
 * @param subject         the {@code subject} attribute, may be {@code null}
 * @param time            the {@code time} attribute, may be {@code null}
 * @param dataContentType the {@code datacontenttype} attribute, may be {@code null}
 * @param dataSchema      the {@code dataschema} attribute, may be {@code null}
 * @param extensions      the extension attributes, never {@code null}
 * @param data            the data, may be {@code null}
 * @param <T>             the type the data is bound to
 */
public record CloudEvent<T>(String id, URI source, String type, String subject, OffsetDateTime time,
        String dataContentType, URI dataSchema, Map<String, Object> extensions, T data) {

    public CloudEvent {
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    /** A reply event carrying {@code data}; every attribute not set afterwards comes from the function's settings. */
    public static <T> CloudEvent<T> of(T data) {
        return new CloudEvent<>(null, null, null, null, null, null, null, Map.of(), data);
    }

    /** A copy with the given {@code id}. */
    public CloudEvent<T> withId(String id) {
        return new CloudEvent<>(id, source, type, subject, time, dataContentType, dataSchema, extensions, data);
    }

    /** A copy with the given {@code source}. */
    public CloudEvent<T> withSource(URI source) {
        return new CloudEvent<>(id, source, type, subject, time, dataContentType, dataSchema, extensions, data);
    }

    /** A copy with the given {@code type}. */
    public CloudEvent<T> withType(String type) {
        return new CloudEvent<>(id, source, type, subject, time, dataContentType, dataSchema, extensions, data);
    }

    /** A copy with the given {@code subject}. */
    public CloudEvent<T> withSubject(String subject) {
        return new CloudEvent<>(id, source, type, subject, time, dataContentType, dataSchema, extensions, data);
    }

    /** A copy with the given {@code time}. */
    public CloudEvent<T> withTime(OffsetDateTime time) {
        return new CloudEvent<>(id, source, type, subject, time, dataContentType, dataSchema, extensions, data);
    }

    /**
     * A copy with the given {@code datacontenttype}. Data that is not {@code byte[]} is always written as JSON, so set
     * this only for byte data.
     */
    public CloudEvent<T> withDataContentType(String dataContentType) {
        return new CloudEvent<>(id, source, type, subject, time, dataContentType, dataSchema, extensions, data);
    }

    /** A copy with one more extension attribute (lowercase letters and digits only, as CloudEvents requires). */
    public CloudEvent<T> withExtension(String name, Object value) {
        java.util.Map<String, Object> copy = new java.util.HashMap<>(extensions);
        copy.put(name, value);
        return new CloudEvent<>(id, source, type, subject, time, dataContentType, dataSchema, copy, data);
    }
}
