package dev.eventloom.http.deployment;

import static io.quarkus.deployment.annotations.ExecutionTime.RUNTIME_INIT;

import java.util.List;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;

import dev.eventloom.core.deployment.EventFunctionBuildItem;
import dev.eventloom.http.runtime.HttpRecorder;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem;
import io.quarkus.deployment.builditem.ShutdownListenerBuildItem;
import io.quarkus.vertx.http.deployment.RequireSocketHttpBuildItem;
import io.quarkus.vertx.http.deployment.RequireVirtualHttpBuildItem;
import io.quarkus.vertx.http.deployment.FilterBuildItem;
import io.quarkus.vertx.http.deployment.RouteBuildItem;
import io.quarkus.vertx.http.deployment.VertxWebRouterBuildItem;
import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/** Serves the functions over HTTP following Knative's event delivery contract. */
class EventloomHttpProcessor {

    static final String FEATURE = "eventloom-http";
    private static final int LIMITS_PRIORITY = 2000;

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /**
     * With the Lambda binding, HTTP-style Lambda events (API Gateway, ALB, Function URL) are served by this binding over
     * Quarkus's in-process virtual connection, and the same build still serves real HTTP anywhere else: Quarkus starts
     * only the virtual connection of a production build that asks for it, unless the socket is asked for too. On Lambda
     * the Lambda binding turns the socket's host off (see {@code LambdaDefaults}).
     */
    @BuildStep
    void virtualHttpForLambda(Capabilities capabilities, BuildProducer<RequireVirtualHttpBuildItem> virtualHttp,
            BuildProducer<RequireSocketHttpBuildItem> socketHttp) {
        if (capabilities.isPresent("dev.eventloom.lambda")) {
            virtualHttp.produce(RequireVirtualHttpBuildItem.MARKER);
            socketHttp.produce(RequireSocketHttpBuildItem.MARKER);
        }
    }

    /**
     * Knative tells a container its port in {@code $PORT}: a default, which {@code application.properties} can still
     * override (the core sets the shutdown timeout that lets in-flight requests finish).
     */
    @BuildStep
    void knativeRuntimeContract(BuildProducer<RunTimeConfigurationDefaultBuildItem> defaults) {
        defaults.produce(new RunTimeConfigurationDefaultBuildItem("quarkus.http.port", "${PORT:8080}"));
        // One body limit: Quarkus's own (a bare 413 before any route) follows eventloom.http.max-body-size, and its
        // request line and header limits sit above Eventloom's, which answer with problem+json (RequestLimits)
        defaults.produce(new RunTimeConfigurationDefaultBuildItem("quarkus.http.limits.max-body-size",
                "${eventloom.http.max-body-size:10M}"));
        defaults.produce(new RunTimeConfigurationDefaultBuildItem("quarkus.http.limits.max-initial-line-length",
                "65536"));
        defaults.produce(new RunTimeConfigurationDefaultBuildItem("quarkus.http.limits.max-header-size", "64K"));
    }

    /**
     * The server's limits and its 404 and 405 as problem+json, before any route: see {@code RequestLimits}. The
     * filter's priority puts it ahead of Quarkus's body limit (a route of order -2) and of CORS and security filters.
     */
    @BuildStep
    @Record(RUNTIME_INIT)
    void limits(HttpRecorder recorder, VertxWebRouterBuildItem router, BuildProducer<FilterBuildItem> filters) {
        boolean decompression = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.http.enable-decompression", Boolean.class).orElse(false);
        filters.produce(new FilterBuildItem(recorder.limits(decompression), LIMITS_PRIORITY));
        recorder.errorPages(router.getHttpRouter());
    }

    @BuildStep
    @Record(RUNTIME_INIT)
    void routes(HttpRecorder recorder, BeanContainerBuildItem beans, List<EventFunctionBuildItem> functions,
            Capabilities capabilities, BuildProducer<RouteBuildItem> routes,
            BuildProducer<ShutdownListenerBuildItem> shutdown) {
        Handler<RoutingContext> handler = recorder.handler(capabilities.isPresent(Capability.OIDC)
                || capabilities.isPresent(Capability.JWT),
                functions.stream().map(function -> function.metadata().getName()).collect(Collectors.toSet()));
        shutdown.produce(new ShutdownListenerBuildItem(recorder.shutdownListener(handler)));
        routes.produce(RouteBuildItem.builder().route("/").handler(handler).build());
        // Each function on its exact path (function names are unreserved URI characters), before the pattern, which
        // is left with names of no function (404): Vert.x Web tries routes in the order they were added
        for (EventFunctionBuildItem function : functions) {
            String name = function.metadata().getName();
            routes.produce(RouteBuildItem.builder().route("/" + name).handler(recorder.functionHandler(handler, name))
                    .build());
        }
        routes.produce(RouteBuildItem.builder().route("/:function").handler(handler).build());
    }
}
