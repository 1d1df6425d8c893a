package dev.eventloom.core.runtime;

import java.util.ArrayList;
import java.util.List;

import io.quarkus.arc.runtime.BeanContainer;
import io.quarkus.runtime.RuntimeValue;
import io.quarkus.runtime.annotations.Recorder;

@Recorder
public class EventloomRecorder {

    /** Whether invocations put their event in the MDC ({@link InvocationMdc}). */
    public void logContext(boolean mdc) {
        InvocationMdc.enable(mdc);
    }

    /** Deliveries are not traced: the application has no OpenTelemetry. */
    public void noTracing() {
        DeliveryTracing.enable(DeliveryTracing.NONE);
    }

    /** Logs the settings of bindings the application does not have, which are ignored: see {@link AbsentBindings}. */
    public void reportAbsentBindings(List<String> absentCapabilities) {
        AbsentBindings.report(absentCapabilities);
    }

    /**
     * @param invokers the generated invokers, instantiated by recorded bytecode ({@code new}), in the order of
     *        {@code functions}
     */
    public void initialize(BeanContainer container, List<FunctionMetadata> functions,
            List<RuntimeValue<FunctionInvoker>> invokers) {
        List<FunctionInvoker> instances = new ArrayList<>(invokers.size());
        for (RuntimeValue<FunctionInvoker> invoker : invokers) {
            instances.add(invoker.getValue());
        }
        container.beanInstance(FunctionRegistry.class).initialize(functions, instances);
    }
}
