package dev.eventloom.test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.core.runtime.EventIds;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * CloudEvents for tests: {@code Events.cloudEvent("order.created").subject("eu").json(order)}; id, source
 * ({@code /tests}) and time are filled in.
 */
public final class Events {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Events() {
    }

    /** A builder of a CloudEvent of that type. */
    public static Builder cloudEvent(String type) {
        return new Builder(type);
    }

    public static final class Builder {

        private final CloudEventBuilder event;

        private Builder(String type) {
            event = CloudEventBuilder.v1().withId(EventIds.next()).withSource(URI.create("/tests"))
                    .withType(type).withTime(OffsetDateTime.now());
        }

        public Builder id(String id) {
            event.withId(id);
            return this;
        }

        public Builder source(String source) {
            event.withSource(URI.create(source));
            return this;
        }

        public Builder subject(String subject) {
            event.withSubject(subject);
            return this;
        }

        public Builder extension(String name, String value) {
            event.withExtension(name, value);
            return this;
        }

        /** The event with JSON data: a JSON text as is, any other object serialized with Jackson. */
        public CloudEvent json(Object data) {
            byte[] bytes;
            try {
                bytes = data instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : JSON.writeValueAsBytes(data);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("Cannot write " + data + " as JSON: " + e.getMessage(), e);
            }
            return event.withDataContentType("application/json").withData(bytes).build();
        }

        /** The event with data of that content type. */
        public CloudEvent data(String contentType, byte[] data) {
            return event.withDataContentType(contentType).withData(data).build();
        }

        /** The event without data. */
        public CloudEvent build() {
            return event.build();
        }
    }
}
