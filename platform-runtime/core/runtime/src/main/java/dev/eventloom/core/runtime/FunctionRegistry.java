package dev.eventloom.core.runtime;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.eventloom.core.runtime.EventloomConfig.FunctionConfig;
import dev.eventloom.core.runtime.EventloomConfig.TriggerConfig;
import dev.eventloom.core.runtime.filter.InvalidFilterException;
import dev.eventloom.core.runtime.filter.TriggerMetadata;
import dev.eventloom.core.runtime.invoke.EventLoopGuardInvoker;
import dev.eventloom.core.runtime.invoke.Invoker;
import dev.eventloom.core.runtime.invoke.MethodInvoker;
import dev.eventloom.core.runtime.invoke.OffloadingInvoker;
import dev.eventloom.core.runtime.invoke.RequestContextInvoker;
import dev.eventloom.core.runtime.invoke.TimeoutInvoker;
import dev.eventloom.core.runtime.invoke.WorkerPriority;
import io.cloudevents.CloudEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.runtime.configuration.ConfigurationException;
import io.quarkus.virtual.threads.VirtualThreadsRecorder;

/**
 * The application's functions, built once at startup from what the build found and from configuration, and the router
 * over their triggers.
 */
@Singleton
public class FunctionRegistry {

    private static final Logger LOG = Logger.getLogger(FunctionRegistry.class);
    static final String BLOCKED_COUNTER = "eventloom.event.loop.blocked";

    private final EventloomConfig config;
    private final Execution execution;
    private final ObjectMapper mapper;
    private final MeterRegistry meters;
    private final WorkerPriority workerPriority;

    private volatile Map<String, EventFunction> functions = Map.of();
    private volatile EventRouter<EventFunction> router = EventRouter.<EventFunction> builder().build();

    @Inject
    FunctionRegistry(EventloomConfig config, Execution execution, ObjectMapper mapper, Instance<MeterRegistry> meters) {
        this.config = config;
        this.execution = execution;
        this.mapper = mapper;
        this.workerPriority = new WorkerPriority(config.workerNice());
        // With quarkus-micrometer and a registry the meters are exported; without, nothing is recorded.
        this.meters = meters.isResolvable() ? meters.get() : null;
        ColdStart.registry = this.meters;
    }

    /** The function of that name, if there is one. */
    public Optional<EventFunction> function(String name) {
        return Optional.ofNullable(functions.get(name));
    }

    /** All functions, by name. */
    public Collection<EventFunction> functions() {
        return functions.values();
    }

    /** The functions whose triggers match the event, each once, in name order. */
    public List<EventFunction> route(CloudEvent event, String logicalSource) {
        return router.route(event, logicalSource);
    }

    /**
     * Builds the functions. Every configuration problem is reported at once.
     *
     * @throws ConfigurationException listing every invalid setting
     */
    void initialize(List<FunctionMetadata> discovered, List<FunctionInvoker> generatedInvokers) {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        List<String> problems = new ArrayList<>();
        Map<String, EventFunction> built = new LinkedHashMap<>();
        EventRouter.Builder<EventFunction> routes = EventRouter.builder();
        Map<String, FunctionInvoker> invokers = new HashMap<>();
        for (int i = 0; i < discovered.size(); i++) {
            invokers.put(discovered.get(i).getName(), generatedInvokers.get(i));
        }
        List<FunctionMetadata> sorted = new ArrayList<>(discovered);
        sorted.sort(Comparator.comparing(FunctionMetadata::getName));
        for (FunctionMetadata metadata : sorted) {
            FunctionConfig overrides = config.functions().get(metadata.getName());
            EventFunction function = configure(metadata, overrides, problems);
            if (function == null) {
                continue;
            }
            try {
                invoker(function, invokers.get(function.name()), loader);
                function.metrics(new FunctionMetrics(function.name(), meters));
            } catch (RuntimeException e) {
                problems.add("function '" + function.name() + "' (" + function.location() + "): " + e.getMessage());
                continue;
            }
            for (TriggerMetadata trigger : function.triggers()) {
                try {
                    routes.add(function, trigger);
                } catch (InvalidFilterException e) {
                    problems.add("function '" + function.name() + "': trigger " + trigger + ": " + e.getMessage());
                }
            }
            built.put(function.name(), function);
        }
        for (String configured : config.functions().keySet()) {
            if (!invokers.containsKey(configured)) {
                problems.add("eventloom.function.\"" + configured + "\" configures a function that does not exist; "
                        + "the functions are " + sorted.stream().map(FunctionMetadata::getName).toList());
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException(LogCodes.INVALID_CONFIGURATION + " Invalid Eventloom configuration:\n  - "
                    + String.join("\n  - ", problems));
        }
        this.functions = Collections.unmodifiableMap(built);
        this.router = routes.build();
        for (EventFunction function : built.values()) {
            LOG.infof("Function '%s' (%s) runs on %s, timeout %d ms, %s, triggers: %s", function.name(),
                    function.location(), execution.where(function.dispatchMode()), function.timeout().toMillis(),
                    function.delivery(),
                    function.triggers().isEmpty() ? "none (call it by name)"
                            : function.triggers().stream().map(TriggerMetadata::toString)
                                    .collect(Collectors.joining("; ")));
        }
    }

    private EventFunction configure(FunctionMetadata metadata, FunctionConfig overrides, List<String> problems) {
        String name = metadata.getName();
        DispatchMode dispatch = metadata.getDispatchMode();
        Duration timeout = metadata.getTimeout() == null ? config.defaultTimeout()
                : io.quarkus.runtime.configuration.DurationConverter.parseDuration(metadata.getTimeout());
        String replyType = metadata.getReplyType();
        URI replySource = URI.create(metadata.getReplySource());
        List<TriggerMetadata> triggers = metadata.getTriggers();
        if (overrides != null) {
            dispatch = overrides.dispatch().orElse(dispatch);
            timeout = overrides.timeout().orElse(timeout);
            replyType = overrides.replyType().orElse(replyType);
            replySource = overrides.replySource().orElse(replySource);
            TriggerConfig trigger = overrides.trigger();
            if (trigger.isSet()) {
                try {
                    triggers = List.of(TriggerMetadata.of(trigger.type().orElse(null), trigger.source().orElse(null),
                            trigger.exact().orElse(List.of()), trigger.prefix().orElse(List.of()),
                            trigger.suffix().orElse(List.of()), trigger.cesql().orElse(null),
                            trigger.filters().orElse(null)));
                } catch (InvalidFilterException e) {
                    problems.add("eventloom.function.\"" + name + "\".trigger: " + e.getMessage());
                    return null;
                }
            }
        }
        if (timeout.isNegative() || timeout.isZero()) {
            problems.add("function '" + name + "': timeout must be positive, got " + timeout);
            return null;
        }
        int before = problems.size();
        DeliveryPolicy delivery = DeliveryPolicy.of(metadata.getDelivery(),
                overrides == null ? DeliveryPolicy.Settings.NONE : overrides.deliverySettings(), problems,
                "function '" + name + "' delivery (eventloom.function.\"" + name + "\".*)");
        if (problems.size() > before) {
            return null;
        }
        return new EventFunction(metadata, dispatch, timeout, replyType, replySource, triggers, delivery);
    }

    /** Counts a function holding the event loop too long, when there is a meter registry. */
    private Runnable blockedCounter(String function) {
        if (meters == null) {
            return () -> {
            };
        }
        Counter counter = Counter.builder(BLOCKED_COUNTER)
                .description("Times a function held the event loop longer than eventloom.event-loop-warning-threshold")
                .tag("function", function)
                .register(meters);
        return counter::increment;
    }

    /** Gives the function its decorated invoker and the fast lane the application's {@link Execution} has for it. */
    private void invoker(EventFunction function, FunctionInvoker generated, ClassLoader loader) {
        FunctionMetadata metadata = function.metadata();
        Class<?> beanClass;
        try {
            beanClass = loader.loadClass(metadata.getDeclaringClass());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("its class " + metadata.getDeclaringClass() + " cannot be loaded", e);
        }
        InstanceHandle<?> handle = Arc.container().instance(beanClass);
        if (!handle.isAvailable()) {
            throw new IllegalStateException("there is no bean of " + metadata.getDeclaringClass()
                    + " to call it on; make sure the class is not vetoed and has a single bean");
        }
        Object bean = handle.get();
        InputBinder binder = new InputBinder(metadata, mapper, loader);
        Invoker invoker = new RequestContextInvoker(
                new MethodInvoker(generated, bean, binder::bind, metadata.getOutputShape()));
        Runnable blocked = function.dispatchMode() == DispatchMode.EVENT_LOOP ? blockedCounter(function.name()) : null;
        if (blocked != null) {
            invoker = new EventLoopGuardInvoker(invoker, config.eventLoopWarningThreshold(), blocked);
        }
        Executor virtualThreads = function.dispatchMode() == DispatchMode.VIRTUAL_THREAD
                ? VirtualThreadsRecorder.getCurrent()
                : null;
        function.direct(execution.fastLane(function, new Execution.FastLane(generated, bean, binder::bind,
                metadata.getOutputShape(), config.eventLoopWarningThreshold(), blocked, virtualThreads, workerPriority)));
        invoker = new OffloadingInvoker(invoker, function.dispatchMode(), execution, virtualThreads, workerPriority);
        function.invoker(new TimeoutInvoker(invoker, execution));
    }
}
