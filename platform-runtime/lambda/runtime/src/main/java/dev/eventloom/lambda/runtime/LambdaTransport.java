package dev.eventloom.lambda.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
    private final JsonNode raw;
    private final Map<String, List<String>> headers;
    private final TransportDeadline deadline;

    LambdaTransport(Context context, JsonNode raw, Map<String, List<String>> headers, TransportDeadline deadline) {
        this.context = context;
        this.raw = raw;
        this.headers = headers;
        this.deadline = deadline;
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
        if (raw != null && type.isInstance(raw)) {
            return Optional.of(type.cast(raw));
        }
        return Optional.empty();
    }

    @Override
    public Instant deadline() {
        return deadline == null ? null : deadline.instant();
    }
}
