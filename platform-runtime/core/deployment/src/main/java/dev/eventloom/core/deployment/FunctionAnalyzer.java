package dev.eventloom.core.deployment;

import java.lang.reflect.Modifier;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.jboss.jandex.AnnotationInstance;
import org.jboss.jandex.AnnotationTarget;
import org.jboss.jandex.AnnotationValue;
import org.jboss.jandex.ClassInfo;
import org.jboss.jandex.DotName;
import org.jboss.jandex.MethodInfo;
import org.jboss.jandex.Type;

import dev.eventloom.CloudEvent;
import dev.eventloom.Delivery;
import dev.eventloom.EventContext;
import dev.eventloom.Reply;
import dev.eventloom.Trigger;
import dev.eventloom.core.runtime.DispatchMode;
import dev.eventloom.core.runtime.DeliveryMetadata;
import dev.eventloom.core.runtime.DeliveryPolicy;
import dev.eventloom.core.runtime.FunctionMetadata;
import dev.eventloom.core.runtime.InputKind;
import dev.eventloom.core.runtime.OutputShape;
import dev.eventloom.core.runtime.filter.FilterMetadata;
import dev.eventloom.core.runtime.filter.Filters;
import dev.eventloom.core.runtime.filter.InvalidFilterException;
import dev.eventloom.core.runtime.filter.TriggerMetadata;
import io.quarkus.funqy.Context;
import io.quarkus.funqy.Funq;
import io.quarkus.runtime.configuration.DurationConverter;

/**
 * Reads one {@code @Funq} method into {@link FunctionMetadata}, adding a message that names the class and method to
 * {@code problems} for everything wrong with it, so the build can report every mistake at once.
 */
final class FunctionAnalyzer {

    static final DotName FUNQ = DotName.createSimple(Funq.class);
    static final DotName CONTEXT = DotName.createSimple(Context.class);
    static final DotName TRIGGER = DotName.createSimple(Trigger.class);
    static final DotName TRIGGERS = DotName.createSimple(Trigger.List.class);
    static final DotName REPLY = DotName.createSimple(Reply.class);
    static final DotName DELIVERY = DotName.createSimple(Delivery.class);
    static final DotName RESOURCES = DotName.createSimple(dev.eventloom.Resources.class);
    static final DotName EVENT_CONTEXT = DotName.createSimple(EventContext.class);
    static final DotName TYPED_CLOUD_EVENT = DotName.createSimple(CloudEvent.class);
    static final DotName SDK_CLOUD_EVENT = DotName.createSimple("io.cloudevents.CloudEvent");
    static final DotName BLOCKING = DotName.createSimple("io.smallrye.common.annotation.Blocking");
    static final DotName NON_BLOCKING = DotName.createSimple("io.smallrye.common.annotation.NonBlocking");
    static final DotName RUN_ON_VIRTUAL_THREAD = DotName.createSimple("io.smallrye.common.annotation.RunOnVirtualThread");
    static final DotName UNI = DotName.createSimple("io.smallrye.mutiny.Uni");
    static final DotName MULTI = DotName.createSimple("io.smallrye.mutiny.Multi");
    static final DotName COMPLETION_STAGE = DotName.createSimple("java.util.concurrent.CompletionStage");
    static final DotName COMPLETABLE_FUTURE = DotName.createSimple("java.util.concurrent.CompletableFuture");
    static final DotName FUTURE = DotName.createSimple("java.util.concurrent.Future");
    static final DotName PUBLISHER = DotName.createSimple("org.reactivestreams.Publisher");
    static final DotName FLOW_PUBLISHER = DotName.createSimple("java.util.concurrent.Flow$Publisher");
    static final DotName STRING = DotName.createSimple(String.class);
    static final DotName OPTIONAL = DotName.createSimple("java.util.Optional");

    private static final Pattern FUNCTION_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._~-]*");
    private static final List<DotName> ASYNC_TYPES = List.of(UNI, MULTI, COMPLETION_STAGE, COMPLETABLE_FUTURE, FUTURE,
            PUBLISHER, FLOW_PUBLISHER);

    private final List<String> problems;
    private String location;

    FunctionAnalyzer(List<String> problems) {
        this.problems = problems;
    }

    /** @return the function, or {@code null} when it has problems */
    FunctionMetadata analyze(MethodInfo method) {
        ClassInfo declaringClass = method.declaringClass();
        location = declaringClass.name() + "#" + method.name();
        int before = problems.size();
        FunctionMetadata function = new FunctionMetadata();
        function.setDeclaringClass(declaringClass.name().toString());
        function.setMethodName(method.name());
        function.setName(name(method));

        if (Modifier.isStatic(method.flags())) {
            problem("is static; a function must be an instance method of a bean");
        }
        if (!Modifier.isPublic(method.flags())) {
            problem("is not public; make it public");
        }
        if (!FUNCTION_NAME.matcher(function.getName()).matches()) {
            problem("has the name '" + function.getName()
                    + "', which cannot be a URL path segment; use letters, digits, '.', '_', '~' and '-'");
        }
        input(method, function);
        output(method, function);
        function.setDispatchMode(dispatch(method, function.getOutputShape()));
        triggers(method, function);
        reply(method, function);
        delivery(method, function);
        resources(method, function);
        function.setInvokerClass(declaringClass.name() + "_EventloomInvoker_" + sanitize(function.getName()));
        return problems.size() == before ? function : null;
    }

    static String name(MethodInfo method) {
        AnnotationValue value = method.annotation(FUNQ).value();
        return value == null || value.asString().isEmpty() ? method.name() : value.asString();
    }

    private void input(MethodInfo method, FunctionMetadata function) {
        Type input = null;
        for (short i = 0; i < method.parametersCount(); i++) {
            Type type = method.parameterType(i);
            boolean context = method.parameters().get(i).hasAnnotation(CONTEXT);
            if (context) {
                if (!type.name().equals(EVENT_CONTEXT)) {
                    problem("has an @Context parameter of type " + type.name()
                            + "; the only context Eventloom provides is dev.eventloom.EventContext");
                }
            } else if (type.name().equals(EVENT_CONTEXT)) {
                problem("takes an EventContext without @io.quarkus.funqy.Context; annotate that parameter with @Context");
            } else if (input != null) {
                problem("takes more than one input parameter (" + typeName(input) + ", " + typeName(type)
                        + "); a function takes at most one input plus an @Context EventContext");
            } else {
                input = type;
            }
        }
        if (input == null) {
            function.setInputKind(InputKind.NONE);
            return;
        }
        if (input.name().equals(TYPED_CLOUD_EVENT)) {
            function.setInputKind(InputKind.TYPED_CLOUD_EVENT);
            if (input.kind() != Type.Kind.PARAMETERIZED_TYPE) {
                problem("takes a raw CloudEvent; declare its data type, for example CloudEvent<Order>");
                return;
            }
            Type data = input.asParameterizedType().arguments().get(0);
            InputKind dataKind = dataKind(data, "CloudEvent data type");
            if (dataKind == InputKind.SDK_CLOUD_EVENT || dataKind == InputKind.TYPED_CLOUD_EVENT) {
                problem("takes a CloudEvent of a CloudEvent; declare the data type, for example CloudEvent<Order>");
            }
            function.setDataKind(dataKind);
            function.setInputType(dataKind == InputKind.JSON ? typeName(data) : null);
            return;
        }
        InputKind kind = dataKind(input, "parameter type");
        function.setInputKind(kind);
        function.setInputType(kind == InputKind.JSON ? typeName(input) : null);
    }

    private InputKind dataKind(Type type, String what) {
        if (type.kind() == Type.Kind.TYPE_VARIABLE || type.kind() == Type.Kind.UNRESOLVED_TYPE_VARIABLE
                || type.kind() == Type.Kind.WILDCARD_TYPE) {
            problem("has the " + what + " " + type + ", which cannot be bound from an event; use a concrete type");
            return InputKind.JSON;
        }
        if (type.kind() == Type.Kind.ARRAY && type.asArrayType().constituent().kind() == Type.Kind.PRIMITIVE
                && type.asArrayType().constituent().asPrimitiveType().primitive() == org.jboss.jandex.PrimitiveType.Primitive.BYTE
                && type.asArrayType().dimensions() == 1) {
            return InputKind.BYTES;
        }
        if (type.name().equals(STRING)) {
            return InputKind.STRING;
        }
        if (type.name().equals(SDK_CLOUD_EVENT)) {
            return InputKind.SDK_CLOUD_EVENT;
        }
        if (type.name().equals(TYPED_CLOUD_EVENT)) {
            return InputKind.TYPED_CLOUD_EVENT;
        }
        if (ASYNC_TYPES.contains(type.name()) || type.name().equals(OPTIONAL)) {
            problem("has the " + what + " " + typeName(type)
                    + ", which is not supported; take the value itself, for example Order instead of Uni<Order>");
        }
        return InputKind.JSON;
    }

    private void output(MethodInfo method, FunctionMetadata function) {
        Type returnType = method.returnType();
        if (returnType.kind() == Type.Kind.VOID) {
            function.setOutputShape(OutputShape.VOID);
            return;
        }
        DotName name = returnType.name();
        if (name.equals(MULTI) || name.equals(PUBLISHER) || name.equals(FLOW_PUBLISHER)) {
            problem("returns " + typeName(returnType) + ", a stream, which is not supported; return Uni<List<T>> instead");
            function.setOutputShape(OutputShape.VALUE);
            return;
        }
        if (name.equals(FUTURE)) {
            problem("returns a Future, which can only be waited on by blocking; return CompletionStage or Uni instead");
        }
        OutputShape shape = name.equals(UNI) ? OutputShape.UNI
                : name.equals(COMPLETION_STAGE) || name.equals(COMPLETABLE_FUTURE) ? OutputShape.COMPLETION_STAGE
                        : OutputShape.VALUE;
        function.setOutputShape(shape);
        Type item = returnType;
        if (shape != OutputShape.VALUE) {
            item = returnType.kind() == Type.Kind.PARAMETERIZED_TYPE
                    ? returnType.asParameterizedType().arguments().get(0)
                    : Type.create(DotName.OBJECT_NAME, Type.Kind.CLASS);
            if (item.kind() == Type.Kind.PARAMETERIZED_TYPE && (item.name().equals(UNI) || item.name().equals(MULTI)
                    || item.name().equals(COMPLETION_STAGE))) {
                problem("returns " + typeName(returnType) + "; nest no asynchronous type in another");
            }
        }
        function.setOutputType(item.kind() == Type.Kind.TYPE_VARIABLE || item.kind() == Type.Kind.WILDCARD_TYPE
                ? "java.lang.Object"
                : typeName(item));
    }

    private DispatchMode dispatch(MethodInfo method, OutputShape shape) {
        DispatchMode declared = declaredDispatch(method.annotations().stream()
                .filter(a -> a.target().kind() == AnnotationTarget.Kind.METHOD).map(AnnotationInstance::name).toList(),
                "");
        if (declared == null) {
            declared = declaredDispatch(method.declaringClass().declaredAnnotations().stream()
                    .map(AnnotationInstance::name).toList(), " on its class");
        }
        if (declared != null) {
            return declared;
        }
        return shape == OutputShape.UNI || shape == OutputShape.COMPLETION_STAGE ? DispatchMode.EVENT_LOOP
                : DispatchMode.WORKER;
    }

    private DispatchMode declaredDispatch(List<DotName> annotations, String where) {
        List<String> found = new ArrayList<>();
        DispatchMode mode = null;
        if (annotations.contains(BLOCKING)) {
            found.add("@Blocking");
            mode = DispatchMode.WORKER;
        }
        if (annotations.contains(NON_BLOCKING)) {
            found.add("@NonBlocking");
            mode = DispatchMode.EVENT_LOOP;
        }
        if (annotations.contains(RUN_ON_VIRTUAL_THREAD)) {
            found.add("@RunOnVirtualThread");
            mode = DispatchMode.VIRTUAL_THREAD;
        }
        if (found.size() > 1) {
            problem("has conflicting dispatch annotations " + String.join(" and ", found) + where + "; keep one");
        }
        return mode;
    }

    private void triggers(MethodInfo method, FunctionMetadata function) {
        List<AnnotationInstance> annotations = new ArrayList<>();
        AnnotationInstance single = method.annotation(TRIGGER);
        if (single != null && single.target().kind() == AnnotationTarget.Kind.METHOD) {
            annotations.add(single);
        }
        AnnotationInstance repeated = method.annotation(TRIGGERS);
        if (repeated != null) {
            annotations.addAll(Arrays.asList(repeated.value().asNestedArray()));
        }
        int index = 0;
        for (AnnotationInstance annotation : annotations) {
            index++;
            String which = annotations.size() > 1 ? "trigger #" + index : "@Trigger";
            try {
                TriggerMetadata trigger = TriggerMetadata.of(string(annotation, "type"), string(annotation, "source"),
                        strings(annotation, "exact"), strings(annotation, "prefix"), strings(annotation, "suffix"),
                        string(annotation, "cesql"), string(annotation, "filters"));
                for (FilterMetadata filter : trigger.getFilters()) {
                    Filters.compile(filter);
                }
                function.getTriggers().add(trigger);
            } catch (InvalidFilterException e) {
                problem("has an invalid " + which + ": " + e.getMessage());
            }
        }
    }

    private void reply(MethodInfo method, FunctionMetadata function) {
        AnnotationInstance reply = method.annotation(REPLY);
        String type = reply == null ? "" : string(reply, "type");
        String source = reply == null ? "" : string(reply, "source");
        function.setReplyType(type.isBlank() ? function.getName() + ".output" : type);
        function.setReplySource(source.isBlank() ? "urn:eventloom:function:" + function.getName() : source);
        try {
            new URI(function.getReplySource());
        } catch (URISyntaxException e) {
            problem("has @Reply(source = \"" + source + "\"), which is not a URI reference: " + e.getMessage());
        }
    }

    private void resources(MethodInfo method, FunctionMetadata function) {
        AnnotationInstance resources = method.annotation(RESOURCES);
        if (resources == null) {
            return;
        }
        AnnotationValue memory = resources.value("memory");
        if (memory != null && memory.asInt() != 0) {
            if (memory.asInt() < 128 || memory.asInt() > 10240) {
                problem("has @Resources(memory = " + memory.asInt() + "); memory is in MiB, from 128 to 10240");
            }
            function.setMemory(memory.asInt());
        }
        String timeout = string(resources, "timeout");
        if (!timeout.isBlank()) {
            try {
                Duration duration = DurationConverter.parseDuration(timeout);
                if (duration.isNegative() || duration.isZero()) {
                    problem("has @Resources(timeout = \"" + timeout + "\"); the timeout must be positive");
                }
                function.setPlatformTimeout(timeout);
            } catch (IllegalArgumentException e) {
                problem("has @Resources(timeout = \"" + timeout + "\"), which is not a duration");
            }
        }
    }

    private void delivery(MethodInfo method, FunctionMetadata function) {
        AnnotationInstance delivery = method.annotation(DELIVERY);
        if (delivery == null) {
            return;
        }
        DeliveryMetadata settings = function.getDelivery();
        AnnotationValue retries = delivery.value("retries");
        if (retries != null && retries.asInt() != -1) {
            settings.setRetries(retries.asInt());
        }
        AnnotationValue backoff = delivery.value("backoff");
        if (backoff != null) {
            settings.setBackoff(backoff.asEnum());
        }
        settings.setBackoffDelay(blankToNull(string(delivery, "backoffDelay")));
        settings.setMaxBackoffDelay(blankToNull(string(delivery, "maxBackoffDelay")));
        settings.setDeadLetter(blankToNull(string(delivery, "deadLetter")));
        AnnotationValue maxConcurrency = delivery.value("maxConcurrency");
        if (maxConcurrency != null) {
            settings.setMaxConcurrency(maxConcurrency.asInt());
        }
        AnnotationValue idempotent = delivery.value("idempotent");
        if (idempotent != null) {
            settings.setIdempotent(idempotent.asBoolean());
        }
        settings.setIdempotencyTtl(blankToNull(string(delivery, "idempotencyTtl")));
        AnnotationValue ordered = delivery.value("ordered");
        if (ordered != null) {
            settings.setOrdered(ordered.asBoolean());
        }
        List<String> invalid = new java.util.ArrayList<>();
        DeliveryPolicy.of(settings, DeliveryPolicy.Settings.NONE, invalid, "@Delivery");
        invalid.forEach(this::problem);
        String timeout = string(delivery, "timeout");
        if (timeout.isBlank()) {
            return;
        }
        try {
            Duration duration = DurationConverter.parseDuration(timeout);
            if (duration == null || duration.isNegative() || duration.isZero()) {
                problem("has @Delivery(timeout = \"" + timeout + "\"); the timeout must be positive");
            }
            function.setTimeout(timeout);
        } catch (IllegalArgumentException e) {
            problem("has @Delivery(timeout = \"" + timeout
                    + "\"), which is not a duration; write it like \"PT10S\", \"10s\" or \"500ms\"");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private void problem(String message) {
        problems.add(location + " " + message);
    }

    private static String string(AnnotationInstance annotation, String name) {
        AnnotationValue value = annotation.value(name);
        return value == null ? "" : value.asString();
    }

    private static List<String> strings(AnnotationInstance annotation, String name) {
        AnnotationValue value = annotation.value(name);
        return value == null ? List.of() : Arrays.asList(value.asStringArray());
    }

    /** The type as recorded for the runtime: erasure names with type arguments, without type annotations. */
    static String typeName(Type type) {
        return switch (type.kind()) {
            case PRIMITIVE -> type.asPrimitiveType().primitive().name().toLowerCase(Locale.ROOT);
            case ARRAY -> typeName(type.asArrayType().constituent()) + "[]".repeat(type.asArrayType().dimensions());
            case PARAMETERIZED_TYPE -> {
                StringBuilder name = new StringBuilder(type.name().toString()).append('<');
                List<Type> arguments = type.asParameterizedType().arguments();
                for (int i = 0; i < arguments.size(); i++) {
                    name.append(i == 0 ? "" : ",").append(typeName(arguments.get(i)));
                }
                yield name.append('>').toString();
            }
            case WILDCARD_TYPE -> type.asWildcardType().superBound() != null ? "java.lang.Object"
                    : typeName(type.asWildcardType().extendsBound());
            case VOID -> "void";
            default -> type.name().toString();
        };
    }

    private static String sanitize(String name) {
        StringBuilder sanitized = new StringBuilder();
        for (char c : name.toCharArray()) {
            sanitized.append(Character.isLetterOrDigit(c) ? c : '_');
        }
        return sanitized.append('_').append(Integer.toHexString(name.hashCode())).toString();
    }
}
