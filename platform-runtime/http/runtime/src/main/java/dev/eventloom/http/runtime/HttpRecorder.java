package dev.eventloom.http.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.core.runtime.EventDispatcher;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

@Recorder
public class HttpRecorder {

    private final RuntimeValue<EventloomHttpConfig> config;

    public HttpRecorder(RuntimeValue<EventloomHttpConfig> config) {
        this.config = config;
    }

    public Handler<RoutingContext> handler() {
        ArcContainer container = Arc.container();
        return new CloudEventsHttpHandler(container.instance(EventDispatcher.class).get(), config.getValue(),
                container.instance(ObjectMapper.class).get());
    }

    /** The handler of one function's own path; {@code handler} is the one {@link #handler()} made. */
    public Handler<RoutingContext> functionHandler(Handler<RoutingContext> handler, String name) {
        return ((CloudEventsHttpHandler) handler).forFunction(name);
    }
}
