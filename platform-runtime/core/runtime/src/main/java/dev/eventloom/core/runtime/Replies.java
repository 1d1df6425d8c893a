package dev.eventloom.core.runtime;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.core.runtime.EventloomException.Kind;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;

/**
 * Turns a function's result into its reply event: a fresh id, the function's reply type and source, the time, and the
 * causing event's id in the {@value #CAUSE_EXTENSION} extension. Data is JSON, except {@code byte[]}, which is sent as
 * is.
 */
final class Replies {

    /** Extension carrying the id of the event a reply answers. */
    static final String CAUSE_EXTENSION = "causationid";

    private final ObjectMapper mapper;

    Replies(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** The reply, or {@code null} when the function produced nothing. */
    CloudEvent reply(EventFunction function, CloudEvent cause, Object result) {
        if (result == null) {
            return null;
        }
        if (result instanceof CloudEvent event) {
            return event.getExtension(CAUSE_EXTENSION) != null ? event
                    : CloudEventBuilder.v1(event).withExtension(CAUSE_EXTENSION, cause.getId()).build();
        }
        if (result instanceof dev.eventloom.CloudEvent<?> typed) {
            return typed(function, cause, typed);
        }
        if (result instanceof byte[] bytes) {
            return BasicEvent.now(function.replySource(), function.replyType(), "application/octet-stream", bytes,
                    CAUSE_EXTENSION, cause.getId());
        }
        return BasicEvent.now(function.replySource(), function.replyType(), "application/json",
                json(function, cause, result), CAUSE_EXTENSION, cause.getId());
    }

    private CloudEvent typed(EventFunction function, CloudEvent cause, dev.eventloom.CloudEvent<?> typed) {
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(typed.id() != null ? typed.id() : EventIds.next())
                .withSource(typed.source() != null ? typed.source() : function.replySource())
                .withType(typed.type() != null ? typed.type() : function.replyType())
                .withTime(typed.time() != null ? typed.time() : OffsetDateTime.now(ZoneOffset.UTC))
                .withSubject(typed.subject())
                .withDataSchema(typed.dataSchema());
        for (Map.Entry<String, Object> extension : typed.extensions().entrySet()) {
            withExtension(builder, extension.getKey(), extension.getValue());
        }
        if (!typed.extensions().containsKey(CAUSE_EXTENSION)) {
            builder.withExtension(CAUSE_EXTENSION, cause.getId());
        }
        if (typed.data() != null) {
            withData(builder, function, cause, typed.data(), typed.dataContentType());
        }
        return builder.build();
    }

    private CloudEventBuilder withData(CloudEventBuilder builder, EventFunction function, CloudEvent cause, Object data,
            String contentType) {
        if (data instanceof byte[] bytes) {
            return builder.withData(contentType != null ? contentType : "application/octet-stream", bytes);
        }
        return builder.withData("application/json", json(function, cause, data));
    }

    private byte[] json(EventFunction function, CloudEvent cause, Object data) {
        try {
            return mapper.writeValueAsBytes(data);
        } catch (JsonProcessingException e) {
            throw new EventloomException(Kind.FUNCTION_FAILED, "Function '" + function.name()
                    + "' returned a " + data.getClass().getName() + " that cannot be written as JSON (event "
                    + cause.getId() + "): " + e.getOriginalMessage(), e);
        }
    }

    private static void withExtension(CloudEventBuilder builder, String name, Object value) {
        if (value instanceof String s) {
            builder.withExtension(name, s);
        } else if (value instanceof Integer i) {
            builder.withExtension(name, i);
        } else if (value instanceof Boolean b) {
            builder.withExtension(name, b);
        } else if (value instanceof URI u) {
            builder.withExtension(name, u);
        } else if (value instanceof OffsetDateTime t) {
            builder.withExtension(name, t);
        } else if (value instanceof byte[] bytes) {
            builder.withExtension(name, bytes);
        } else if (value != null) {
            builder.withExtension(name, value.toString());
        }
    }
}
