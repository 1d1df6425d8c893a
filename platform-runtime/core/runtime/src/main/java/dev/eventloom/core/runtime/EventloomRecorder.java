package dev.eventloom.core.runtime;

import java.util.List;

import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class EventloomRecorder {

    public void initialize(BeanContainer container, List<FunctionMetadata> functions) {
        container.beanInstance(FunctionRegistry.class).initialize(functions);
    }
}
