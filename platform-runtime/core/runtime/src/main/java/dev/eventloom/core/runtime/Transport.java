package dev.eventloom.core.runtime;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a binding tells the core about the transport an event arrived on. */
public interface Transport {

    /** {@code "http"}, {@code "lambda"}, {@code "messaging"}, ... */
    String name();

    /** Headers or metadata, names as received. */
    Map<String, List<String>> headers();

    /** First value of a header, compared case-insensitively, or {@code null}. */
    default String header(String name) {
        for (Map.Entry<String, List<String>> entry : headers().entrySet()) {
            if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
                return entry.getValue().get(0);
            }
        }
        return null;
    }

    /** The transport's own object of that type, when it has one. */
    default <T> Optional<T> unwrap(Class<T> type) {
        return Optional.empty();
    }

    /** A deadline the transport imposes (a Lambda invocation's end), or {@code null} for none. */
    default Instant deadline() {
        return null;
    }

    /** A transport with nothing to tell: used for events that arrive in-process. */
    static Transport of(String name, Map<String, List<String>> headers) {
        return new Transport() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Map<String, List<String>> headers() {
                return headers;
            }
        };
    }
}
