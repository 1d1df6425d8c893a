package dev.eventloom.core.deployment;

import static io.quarkus.deployment.annotations.ExecutionTime.RUNTIME_INIT;
import static io.quarkus.deployment.annotations.ExecutionTime.STATIC_INIT;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.inject.spi.DeploymentException;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.DotName;
import org.jboss.jandex.IndexView;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import dev.eventloom.EventContext;
import dev.eventloom.core.runtime.Deliveries;
import dev.eventloom.core.runtime.EventDispatcher;
import dev.eventloom.core.runtime.AbsentBindings;
import dev.eventloom.core.runtime.LocalBroker;
import dev.eventloom.core.runtime.EventLoopDefaults;
import dev.eventloom.core.runtime.Execution;
import dev.eventloom.core.runtime.EventloomRecorder;
import dev.eventloom.core.runtime.LogCodes;
import dev.eventloom.core.runtime.tracing.TracingRecorder;
import dev.eventloom.core.runtime.FunctionInvoker;
import dev.eventloom.core.runtime.FunctionMetadata;
import dev.eventloom.core.runtime.EventSinks;
import dev.eventloom.core.runtime.FunctionRegistry;
import dev.eventloom.core.runtime.IdempotencyConfig;
import dev.eventloom.core.runtime.InMemoryIdempotencyStore;
import dev.eventloom.core.runtime.LoggingConfig;
import dev.eventloom.core.runtime.ReplySink;
import dev.eventloom.core.runtime.invoke.ThreadExecution;
import dev.eventloom.core.runtime.invoke.VertxExecution;
import io.quarkus.arc.deployment.AdditionalBeanBuildItem;
import io.quarkus.bootstrap.classloading.QuarkusClassLoader;
import io.quarkus.arc.deployment.BeanContainerBuildItem;
import io.quarkus.arc.deployment.ValidationPhaseBuildItem.ValidationErrorBuildItem;
import io.quarkus.deployment.Capabilities;
import io.quarkus.deployment.Capability;
import io.quarkus.deployment.GeneratedClassGizmoAdaptor;
import io.quarkus.deployment.annotations.BuildProducer;
import io.quarkus.deployment.annotations.BuildStep;
import io.quarkus.deployment.builditem.ModuleEnableNativeAccessBuildItem;
import io.quarkus.deployment.annotations.Record;
import io.quarkus.deployment.builditem.CombinedIndexBuildItem;
import io.quarkus.deployment.builditem.FeatureBuildItem;
import io.quarkus.deployment.builditem.GeneratedClassBuildItem;
import io.quarkus.deployment.builditem.RunTimeConfigBuilderBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveClassBuildItem;
import io.quarkus.deployment.execannotations.ExecutionModelAnnotationsAllowedBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ReflectiveHierarchyBuildItem;
import io.quarkus.deployment.builditem.nativeimage.ServiceProviderBuildItem;
import io.quarkus.deployment.recording.RecorderContext;
import io.quarkus.gizmo.ClassCreator;
import io.quarkus.gizmo.ClassOutput;
import io.quarkus.gizmo.MethodCreator;
import io.quarkus.gizmo.MethodDescriptor;
import io.quarkus.gizmo.ResultHandle;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.configuration.ConfigurationException;

/**
 * Finds the {@code @Funq} functions, validates them (every problem at once), generates one invoker per function and
 * hands the result to the runtime.
 */
class EventloomProcessor {

    static final String FEATURE = "eventloom";
    static final DotName REDIS_STORE = DotName.createSimple("dev.eventloom.redis.RedisIdempotencyStore");

    @BuildStep
    FeatureBuildItem feature() {
        return new FeatureBuildItem(FEATURE);
    }

    /** One span per delivery attempt, with {@code quarkus-opentelemetry}: see {@code DeliveryTracing}. */
    @BuildStep
    @Record(RUNTIME_INIT)
    void tracing(Capabilities capabilities, TracingRecorder tracing, EventloomRecorder recorder,
            BeanContainerBuildItem beans) {
        if (capabilities.isPresent(Capability.OPENTELEMETRY_TRACER)) {
            tracing.enable();
        } else {
            recorder.noTracing(); // a dev-mode restart may have removed the extension
        }
    }

    /** The invocation MDC: on with JSON logging unless configured (see {@link LoggingConfig#mdc()}). */
    @BuildStep
    @Record(STATIC_INIT)
    void logContext(LoggingConfig config, EventloomRecorder recorder) {
        recorder.logContext(config.mdc().orElseGet(
                () -> QuarkusClassLoader.isClassPresentAtRuntime("io.quarkus.logging.json.runtime.JsonFormatter")));
    }

    /** {@code eventloom.idempotency.store=redis} without the module that provides it stops the build, saying which. */
    @BuildStep
    void idempotencyStore(IdempotencyConfig config, CombinedIndexBuildItem index,
            BuildProducer<ValidationErrorBuildItem> errors) {
        if (config.store() == IdempotencyConfig.Store.REDIS
                && index.getIndex().getClassByName(REDIS_STORE) == null) {
            errors.produce(new ValidationErrorBuildItem(new ConfigurationException(LogCodes.STORE_MISSING + " "
                    + "eventloom.idempotency.store=redis needs the Redis store: add "
                    + "the dependency dev.eventloom:eventloom-redis (and set quarkus.redis.hosts)")));
        }
    }

    /**
     * The core's beans, with functions run on Vert.x when the application has it (the HTTP and messaging bindings
     * bring it) and on plain threads when it does not (a Lambda of queues and streams): see {@link Execution}.
     */
    @BuildStep
    AdditionalBeanBuildItem beans(Capabilities capabilities) {
        return AdditionalBeanBuildItem.builder()
                .addBeanClasses(FunctionRegistry.class, EventDispatcher.class, Deliveries.class, ReplySink.class,
                        LocalBroker.class, EventSinks.class, InMemoryIdempotencyStore.class)
                .addBeanClass(capabilities.isPresent(Capability.VERTX) ? VertxExecution.class : ThreadExecution.class)
                .setUnremovable()
                .build();
    }

    /**
     * Knative and Kubernetes stop a container with SIGTERM expecting in-flight work to finish: Quarkus waits for it
     * (HTTP requests, and what the bindings' shutdown listeners drain) up to this default, which
     * {@code application.properties} can still override.
     */
    @BuildStep
    io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem drainOnShutdown() {
        return new io.quarkus.deployment.builditem.RunTimeConfigurationDefaultBuildItem("quarkus.shutdown.timeout", "30s");
    }

    /**
     * Settings of bindings the application does not have are ignored (with one INFO line at startup), so one
     * {@code application.properties} serves builds with and without them: see {@link AbsentBindings}.
     */
    @BuildStep
    @Record(RUNTIME_INIT)
    void absentBindings(Capabilities capabilities, dev.eventloom.core.runtime.EventloomRecorder recorder,
            BuildProducer<RunTimeConfigBuilderBuildItem> builders,
            BuildProducer<io.quarkus.deployment.builditem.StaticInitConfigBuilderBuildItem> staticBuilders) {
        List<String> absent = new ArrayList<>();
        for (AbsentBindings.Binding binding : AbsentBindings.BINDINGS) {
            if (!capabilities.isPresent(binding.capability())) {
                absent.add(binding.capability());
                builders.produce(new RunTimeConfigBuilderBuildItem(binding.ignoring()));
                staticBuilders.produce(new io.quarkus.deployment.builditem.StaticInitConfigBuilderBuildItem(
                        binding.ignoring()));
            }
        }
        recorder.reportAbsentBindings(absent);
    }

    /** On shutdown the local broker's deliveries in flight are waited for: see {@link LocalBroker}. */
    @BuildStep
    io.quarkus.deployment.builditem.ShutdownListenerBuildItem drainLocalBroker() {
        return new io.quarkus.deployment.builditem.ShutdownListenerBuildItem(
                new dev.eventloom.core.runtime.LocalBrokerShutdown());
    }

    /** One event loop per CPU unless the application sets another count: see {@link EventLoopDefaults}. */
    @BuildStep
    void oneEventLoopPerCpu(Capabilities capabilities, BuildProducer<RunTimeConfigBuilderBuildItem> builders) {
        if (capabilities.isPresent(Capability.VERTX)) {
            builders.produce(new RunTimeConfigBuilderBuildItem(EventLoopDefaults.class));
        }
    }

    /**
     * Worker threads lower their own OS priority with one native call ({@code eventloom.worker-nice}): declare it, so
     * the packaged application's launcher enables native access and the JDK prints no restricted-method warning.
     * Eventloom's jars are on the class path, so Quarkus maps this module name to {@code Enable-Native-Access:
     * ALL-UNNAMED} in the runner's manifest.
     */
    @BuildStep
    ModuleEnableNativeAccessBuildItem nativeAccessForWorkerPriority() {
        return new ModuleEnableNativeAccessBuildItem("dev.eventloom.core");
    }

    /** {@code @Blocking}, {@code @NonBlocking} and {@code @RunOnVirtualThread} are meaningful on functions. */
    @BuildStep
    ExecutionModelAnnotationsAllowedBuildItem dispatchAnnotationsOnFunctions() {
        return new ExecutionModelAnnotationsAllowedBuildItem(method -> method.hasDeclaredAnnotation(FunctionAnalyzer.FUNQ));
    }

    @BuildStep
    void cloudEventFormats(BuildProducer<ServiceProviderBuildItem> providers) {
        providers.produce(ServiceProviderBuildItem.allProvidersFromClassPath("io.cloudevents.core.format.EventFormat"));
    }

    @BuildStep
    void discover(CombinedIndexBuildItem combinedIndex, BuildProducer<EventFunctionBuildItem> functions) {
        IndexView index = combinedIndex.getIndex();
        List<MethodInfo> methods = new ArrayList<>();
        for (AnnotationInstance funq : index.getAnnotations(FunctionAnalyzer.FUNQ)) {
            if (funq.target().kind() == AnnotationTarget.Kind.METHOD) {
                methods.add(funq.target().asMethod());
            }
        }
        methods.sort(Comparator.comparing((MethodInfo m) -> m.declaringClass().name().toString())
                .thenComparing(MethodInfo::name).thenComparing(m -> m.descriptor()));

        List<String> problems = new ArrayList<>();
        FunctionAnalyzer analyzer = new FunctionAnalyzer(problems);
        Map<String, MethodInfo> byName = new HashMap<>();
        List<EventFunctionBuildItem> found = new ArrayList<>();
        for (MethodInfo method : methods) {
            String name = FunctionAnalyzer.name(method);
            MethodInfo existing = byName.putIfAbsent(name, method);
            if (existing != null) {
                problems.add(method.declaringClass().name() + "#" + method.name() + " has the function name '" + name
                        + "', already used by " + existing.declaringClass().name() + "#" + existing.name()
                        + "; give one of them another name with @Funq(\"...\")");
                continue;
            }
            FunctionMetadata function = analyzer.analyze(method);
            if (function != null) {
                found.add(new EventFunctionBuildItem(function, method));
            }
        }
        if (!problems.isEmpty()) {
            throw new DeploymentException(LogCodes.BUILD_VALIDATION + " Eventloom found " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems") + " with the functions:\n  - "
                    + String.join("\n  - ", problems));
        }
        found.forEach(functions::produce);
    }

    @BuildStep
    void generateInvokers(List<EventFunctionBuildItem> functions, BuildProducer<GeneratedClassBuildItem> classes,
            BuildProducer<ReflectiveClassBuildItem> reflection, BuildProducer<ReflectiveHierarchyBuildItem> hierarchy,
            CombinedIndexBuildItem index) {
        ClassOutput output = new GeneratedClassGizmoAdaptor(classes, true);
        for (EventFunctionBuildItem function : functions) {
            generateInvoker(output, function);
            reflection.produce(ReflectiveClassBuildItem.builder(inputClassNames(function.method()).toArray(String[]::new))
                    .reason("Eventloom binds function inputs by type name").build());
            registerForJson(function.method(), index.getIndex(), hierarchy);
        }
    }

    private static void generateInvoker(ClassOutput output, EventFunctionBuildItem function) {
        MethodInfo method = function.method();
        try (ClassCreator invoker = ClassCreator.builder().classOutput(output)
                .className(function.metadata().getInvokerClass())
                .interfaces(FunctionInvoker.class)
                .build()) {
            MethodCreator invoke = invoker.getMethodCreator("invoke", Object.class, Object.class, Object.class,
                    EventContext.class);
            invoke.addException(Exception.class);
            ResultHandle bean = invoke.checkCast(invoke.getMethodParam(0), method.declaringClass().name().toString());
            ResultHandle[] arguments = new ResultHandle[method.parametersCount()];
            for (int i = 0; i < arguments.length; i++) {
                Type type = method.parameterType(i);
                if (method.parameters().get(i).hasAnnotation(FunctionAnalyzer.CONTEXT)) {
                    arguments[i] = invoke.getMethodParam(2);
                } else if (type.kind() == Type.Kind.PRIMITIVE) {
                    Class<?> primitive = primitive(type);
                    Class<?> box = box(primitive);
                    arguments[i] = invoke.invokeVirtualMethod(
                            MethodDescriptor.ofMethod(box, primitive.getName() + "Value", primitive),
                            invoke.checkCast(invoke.getMethodParam(1), box));
                } else {
                    arguments[i] = invoke.checkCast(invoke.getMethodParam(1), type.name().toString());
                }
            }
            ResultHandle result = invoke.invokeVirtualMethod(MethodDescriptor.of(method), bean, arguments);
            Type returnType = method.returnType();
            if (returnType.kind() == Type.Kind.VOID) {
                invoke.returnValue(invoke.loadNull());
            } else if (returnType.kind() == Type.Kind.PRIMITIVE) {
                Class<?> primitive = primitive(returnType);
                invoke.returnValue(invoke.invokeStaticMethod(
                        MethodDescriptor.ofMethod(box(primitive), "valueOf", box(primitive), primitive), result));
            } else {
                invoke.returnValue(result);
            }
        }
    }

    private static Class<?> primitive(Type type) {
        return switch (type.asPrimitiveType().primitive()) {
            case BOOLEAN -> boolean.class;
            case BYTE -> byte.class;
            case CHAR -> char.class;
            case SHORT -> short.class;
            case INT -> int.class;
            case LONG -> long.class;
            case FLOAT -> float.class;
            case DOUBLE -> double.class;
        };
    }

    private static Class<?> box(Class<?> primitive) {
        return java.lang.invoke.MethodType.methodType(primitive).wrap().returnType();
    }

    /** The classes named by a function's input type, which the runtime looks up by name to build its JSON reader. */
    private static java.util.Set<String> inputClassNames(MethodInfo method) {
        java.util.Set<String> names = new java.util.TreeSet<>();
        for (int i = 0; i < method.parametersCount(); i++) {
            if (!method.parameters().get(i).hasAnnotation(FunctionAnalyzer.CONTEXT)) {
                collectClassNames(method.parameterType(i), names);
            }
        }
        return names;
    }

    private static void collectClassNames(Type type, java.util.Set<String> names) {
        switch (type.kind()) {
            case CLASS -> names.add(type.name().toString());
            case ARRAY -> collectClassNames(type.asArrayType().constituent(), names);
            case PARAMETERIZED_TYPE -> {
                names.add(type.name().toString());
                type.asParameterizedType().arguments().forEach(argument -> collectClassNames(argument, names));
            }
            case WILDCARD_TYPE -> {
                if (type.asWildcardType().superBound() == null) {
                    collectClassNames(type.asWildcardType().extendsBound(), names);
                }
            }
            default -> {
            }
        }
    }

    /** Jackson reads inputs and writes outputs by reflection, which a native image must know about. */
    private static void registerForJson(MethodInfo method, IndexView index,
            BuildProducer<ReflectiveHierarchyBuildItem> hierarchy) {
        String source = EventloomProcessor.class.getSimpleName() + " > " + method.declaringClass().name() + "#"
                + method.name();
        List<Type> types = new ArrayList<>();
        for (int i = 0; i < method.parametersCount(); i++) {
            if (!method.parameters().get(i).hasAnnotation(FunctionAnalyzer.CONTEXT)) {
                types.add(method.parameterType(i));
            }
        }
        types.add(method.returnType());
        for (Type type : types) {
            for (Type data : dataTypes(type)) {
                hierarchy.produce(ReflectiveHierarchyBuildItem.builder(data).index(index).source(source).build());
            }
        }
    }

    private static List<Type> dataTypes(Type type) {
        if (type.kind() == Type.Kind.VOID || type.kind() == Type.Kind.PRIMITIVE
                || type.kind() == Type.Kind.TYPE_VARIABLE) {
            return List.of();
        }
        if (type.kind() == Type.Kind.PARAMETERIZED_TYPE) {
            List<Type> types = new ArrayList<>();
            if (!type.name().toString().startsWith("io.smallrye.mutiny.")
                    && !type.name().toString().startsWith("java.util.concurrent.")
                    && !type.name().equals(FunctionAnalyzer.TYPED_CLOUD_EVENT)) {
                types.add(type);
            }
            for (Type argument : type.asParameterizedType().arguments()) {
                types.addAll(dataTypes(argument));
            }
            return types;
        }
        String name = type.name().toString();
        if (name.startsWith("java.lang.") || name.startsWith("io.cloudevents.") || name.startsWith("io.smallrye.mutiny.")
                || name.startsWith("java.util.concurrent.")) {
            return List.of();
        }
        return List.of(type);
    }

    @BuildStep
    @Record(RUNTIME_INIT)
    @SuppressWarnings("unchecked")
    void initialize(EventloomRecorder recorder, RecorderContext recorderContext, BeanContainerBuildItem beanContainer,
            List<EventFunctionBuildItem> functions) {
        List<FunctionMetadata> metadata = new ArrayList<>();
        functions.stream().map(EventFunctionBuildItem::metadata).sorted(Comparator.comparing(FunctionMetadata::getName))
                .forEach(metadata::add);
        List<RuntimeValue<FunctionInvoker>> invokers = new ArrayList<>();
        for (FunctionMetadata function : metadata) {
            invokers.add((RuntimeValue<FunctionInvoker>) (RuntimeValue<?>) recorderContext.newInstance(function.getInvokerClass()));
        }
        recorder.initialize(beanContainer.getValue(), metadata, invokers);
    }
}
