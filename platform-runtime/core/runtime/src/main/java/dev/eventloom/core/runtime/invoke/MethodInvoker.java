package dev.eventloom.core.runtime.invoke;

import java.time.Instant;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

import dev.eventloom.core.runtime.FunctionInvoker;
import dev.eventloom.core.runtime.InvocationContext;
import dev.eventloom.core.runtime.InvocationMdc;
import dev.eventloom.core.runtime.OutputShape;
import io.cloudevents.CloudEvent;
import io.smallrye.mutiny.Uni;

/** Binds the input, calls the generated invoker and adapts whatever the method returned to a {@code Uni}. */
public final class MethodInvoker implements Invoker {

    private final FunctionInvoker invoker;
    private final Object bean;
    private final Function<CloudEvent, Object> inputBinder;
    private final OutputShape shape;

    public MethodInvoker(FunctionInvoker invoker, Object bean, Function<CloudEvent, Object> inputBinder, OutputShape shape) {
        this.invoker = invoker;
        this.bean = bean;
        this.inputBinder = inputBinder;
        this.shape = shape;
    }

    @Override
    @SuppressWarnings("unchecked")
    public Uni<Object> invoke(InvocationContext context) {
        return Uni.createFrom().deferred(() -> {
            if (!Instant.now().isBefore(context.deadline())) {
                // Its caller was answered 504 while it waited for a thread: running it now would only duplicate work.
                return Uni.createFrom().failure(TimeoutInvoker.notStarted(context));
            }
            Object result;
            Object[] mdc = InvocationMdc.enter(context);
            try {
                result = invoker.invoke(bean, inputBinder.apply(context.cloudEvent()), context);
            } catch (Exception e) {
                return Uni.createFrom().failure(e);
            } finally {
                InvocationMdc.exit(mdc);
            }
            return switch (shape) {
                case VOID -> Uni.createFrom().nullItem();
                case VALUE -> Uni.createFrom().item(result);
                case UNI -> result == null ? Uni.createFrom().nullItem() : (Uni<Object>) result;
                case COMPLETION_STAGE -> result == null ? Uni.createFrom().nullItem()
                        : Uni.createFrom().completionStage((CompletionStage<Object>) result);
            };
        });
    }
}
