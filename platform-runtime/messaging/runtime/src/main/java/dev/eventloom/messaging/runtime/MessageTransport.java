package dev.eventloom.messaging.runtime;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.reactive.messaging.Message;

import dev.eventloom.core.runtime.Transport;

/**
 * A message as the core sees it: {@code transportObject(Message.class)} gives the message, and any metadata type the
 * connector attached is reachable too ({@code IncomingKafkaRecordMetadata}, ...). Headers are the record's headers.
 */
final class MessageTransport implements Transport {

    private final Message<?> message;
    private final java.util.function.Supplier<Map<String, List<String>>> read;
    private Map<String, List<String>> headers;

    /** Headers are copied from the record only if a function asks for them. */
    MessageTransport(Message<?> message, java.util.function.Supplier<Map<String, List<String>>> headers) {
        this.message = message;
        this.read = headers;
    }

    @Override
    public String name() {
        return "messaging";
    }

    @Override
    public synchronized Map<String, List<String>> headers() {
        if (headers == null) {
            headers = read.get();
        }
        return headers;
    }

    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type.isInstance(message)) {
            return Optional.of(type.cast(message));
        }
        return message.getMetadata(type);
    }
}
