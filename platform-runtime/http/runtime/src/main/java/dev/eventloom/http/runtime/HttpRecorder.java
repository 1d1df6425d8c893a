package dev.eventloom.http.runtime;

import java.util.Set;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.core.runtime.Deliveries;
import dev.eventloom.core.runtime.EventDispatcher;
import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;
import io.quarkus.runtime.shutdown.ShutdownListener;
import io.vertx.core.Handler;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

@Recorder
public class HttpRecorder {

    private final RuntimeValue<EventloomHttpConfig> config;

    public HttpRecorder(RuntimeValue<EventloomHttpConfig> config) {
        this.config = config;
    }

    /**
     * {@code tokens}: whether the build has an extension that verifies bearer tokens (OIDC or SmallRye JWT);
     * {@code functions}: the names of the application's functions.
     */
    public Handler<RoutingContext> handler(boolean tokens, Set<String> functions) {
        ArcContainer container = Arc.container();
        return new CloudEventsHttpHandler(container.instance(EventDispatcher.class).get(),
                container.instance(Deliveries.class).get(), config.getValue(), container.instance(ObjectMapper.class).get(),
                new CallerAccess(config.getValue().auth(), functions, tokens));
    }

    /**
     * Tells the handler when the application starts shutting down: from then on it answers new requests 503 with
     * {@code Connection: close} before any function runs, so Quarkus's graceful shutdown waits only for the requests
     * already being served, and a client kept alive retries elsewhere instead of feeding the wait until its timeout.
     */
    public ShutdownListener shutdownListener(Handler<RoutingContext> handler) {
        CloudEventsHttpHandler functions = (CloudEventsHttpHandler) handler;
        return new ShutdownListener() {
            @Override
            public void shutdown(ShutdownNotification notification) {
                functions.stopAccepting();
                notification.done();
            }
        };
    }

    /** The server's limits, as problem+json answers before any route: see {@link RequestLimits}. */
    public Handler<RoutingContext> limits(boolean decompression) {
        return new RequestLimits(config.getValue(), decompression);
    }

    /**
     * Paths no route serves (404) and methods a path does not take (405) answered as problem+json, like every other
     * error of the server, instead of Vert.x Web's HTML page and empty body. The list of functions only in dev mode.
     */
    public void errorPages(RuntimeValue<Router> router) {
        router.getValue().errorHandler(404, context -> Problems.send(context, 404, "Nothing is served at "
                + Problems.quoted(context.request().path()) + "; functions are served at /{function}, and CloudEvents "
                + "routed by trigger at /"));
        router.getValue().errorHandler(405, context -> Problems.send(context, 405, Problems.quoted(context.request()
                .path()) + " does not take " + context.request().method().name()));
        // A request Vert.x Web fails before any route with a client error and no exception (a target that is not a
        // path, say) would get Quarkus's empty answer, and so would a token Quarkus's proactive authentication refused
        // or a permission policy of the application's; other failures with an exception stay Quarkus's
        router.getValue().route().order(Integer.MIN_VALUE).failureHandler(context -> {
            int status = context.statusCode();
            Throwable failure = context.failure();
            if (failure instanceof io.quarkus.security.AuthenticationFailedException
                    || failure instanceof io.quarkus.security.UnauthorizedException) {
                CallerAccess.unauthorized(context, null);
            } else if (failure instanceof io.quarkus.security.ForbiddenException) {
                Problems.send(context, 403, "The caller may not send this request");
            } else if (failure == null && status >= 400 && status < 500 && !context.response().ended()) {
                Problems.send(context, status, status == 404 ? "Nothing is served at "
                        + Problems.quoted(context.request().uri()) : "The request cannot be served as sent");
            } else {
                context.next();
            }
        });
    }

    /** The handler of one function's own path; {@code handler} is the one {@link #handler()} made. */
    public Handler<RoutingContext> functionHandler(Handler<RoutingContext> handler, String name) {
        return ((CloudEventsHttpHandler) handler).forFunction(name);
    }
}
