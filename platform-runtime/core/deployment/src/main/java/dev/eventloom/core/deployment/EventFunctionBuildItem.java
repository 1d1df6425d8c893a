package dev.eventloom.core.deployment;

import org.jboss.jandex.MethodInfo;

import dev.eventloom.core.runtime.FunctionMetadata;
import io.quarkus.builder.item.MultiBuildItem;

/** One valid function found at build time. Bindings consume these to know what the application offers. */
public final class EventFunctionBuildItem extends MultiBuildItem {

    private final FunctionMetadata metadata;
    private final MethodInfo method;

    EventFunctionBuildItem(FunctionMetadata metadata, MethodInfo method) {
        this.metadata = metadata;
        this.method = method;
    }

    public FunctionMetadata metadata() {
        return metadata;
    }

    public MethodInfo method() {
        return method;
    }
}
