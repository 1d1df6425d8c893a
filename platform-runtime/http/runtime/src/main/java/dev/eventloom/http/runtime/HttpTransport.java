package dev.eventloom.http.runtime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.eventloom.core.runtime.Transport;
import dev.eventloom.core.runtime.TransportDeadline;
import io.quarkus.vertx.http.runtime.QuarkusHttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

/** An HTTP request as the core sees it; headers are copied only if a function asks for all of them. */
final class HttpTransport implements Transport {

    private final RoutingContext routingContext;
    private Map<String, List<String>> headers;

    HttpTransport(RoutingContext routingContext) {
        this.routingContext = routingContext;
    }

    @Override
    public String name() {
        return "http";
    }

    @Override
    public Map<String, List<String>> headers() {
        if (headers == null) {
            Map<String, List<String>> copy = new LinkedHashMap<>();
            for (Map.Entry<String, String> header : routingContext.request().headers()) {
                copy.computeIfAbsent(header.getKey(), name -> new ArrayList<>(1)).add(header.getValue());
            }
            headers = copy;
        }
        return headers;
    }

    @Override
    public String header(String name) {
        return routingContext.request().getHeader(name);
    }

    /**
     * The routing context, the request, or an object a virtual-HTTP binding attached to the request (the Lambda
     * binding attaches the Lambda {@code Context} and the original event).
     */
    @Override
    public <T> Optional<T> unwrap(Class<T> type) {
        if (type.isInstance(routingContext)) {
            return Optional.of(type.cast(routingContext));
        }
        HttpServerRequest request = routingContext.request();
        if (type.isInstance(request)) {
            return Optional.of(type.cast(request));
        }
        return attached(type);
    }

    /** The caller's deadline, when the request came in-process from a binding that has one. */
    @Override
    public Instant deadline() {
        return attached(TransportDeadline.class).map(TransportDeadline::instant).orElse(null);
    }

    private <T> Optional<T> attached(Class<T> type) {
        if (routingContext.request().headers() instanceof QuarkusHttpHeaders headers) {
            Object value = headers.getContextObject(type);
            return type.isInstance(value) ? Optional.of(type.cast(value)) : Optional.empty();
        }
        return Optional.empty();
    }
}
