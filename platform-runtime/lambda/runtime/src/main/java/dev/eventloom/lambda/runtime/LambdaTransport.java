package dev.eventloom.lambda.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.databind.JsonNode;

import dev.eventloom.core.runtime.Transport;
import dev.eventloom.core.runtime.TransportDeadline;

/**
 * A Lambda invocation as the core sees it. {@code transportObject(Context.class)} gives the Lambda context (request id,
 * function ARN, remaining time); {@code transportObject(JsonNode.class)} the record as Lambda delivered it.
 */
final class LambdaTransport implements Transport {

    private final Context context;
    private final Supplier<JsonNode> read;
    private JsonNode raw;
    private final Map<String, List<String>> headers;
    private final TransportDeadline deadline;

    LambdaTransport(Context context, JsonNode raw, Map<String, List<String>> headers, TransportDeadline deadline) {
        this(context, () -> raw, headers, deadline);
    }

    /** @param read reads the record as Lambda delivered it, the first time a function asks for it */
    LambdaTransport(Context context, Supplier<JsonNode> read, Map<String, List<String>> headers,
            TransportDeadline deadline) {
        this.context = context;
        this.read = read;
        this.headers = headers;
        this.deadline = deadline;
    }

    private synchronized JsonNode raw() {
        if (raw == null) {
            raw = read.get();
        }
        return raw;
    }

    @Override
    public String name() {
        return "lambda";
    }

    @Override
    public Map<String, List<String>> headers() {
        return headers;
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (context != null && type.isInstance(context)) {
            return Optional.of(type.cast(context));
        }
        if (JsonNode.class.isAssignableFrom(type) || type.isAssignableFrom(JsonNode.class)) {
            JsonNode record = raw();
            if (record != null && type.isInstance(record)) {
                return Optional.of(type.cast(record));
            }
        }
        return Optional.empty();
    }

    @Override
    public Instant deadline() {
        return deadline == null ? null : deadline.instant();
    }
}
