package dev.eventloom.core.runtime.invoke;

import dev.eventloom.core.runtime.InvocationContext;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;
import io.smallrye.mutiny.Uni;

/**
 * Gives each invocation its own CDI request context, as Funqy does, so functions can use {@code @RequestScoped}
 * beans. The context is active on the thread that calls the function and destroyed when the invocation ends, however
 * it ends.
 */
public final class RequestContextInvoker implements Invoker {

    private final Invoker delegate;

    public RequestContextInvoker(Invoker delegate) {
        this.delegate = delegate;
    }

    @Override
    public Uni<Object> invoke(InvocationContext context) {
        return Uni.createFrom().emitter(emitter -> {
            ManagedContext requestContext = Arc.container().requestContext();
            if (requestContext.isActive()) {
                emitter.onTermination(delegate.invoke(context).subscribe().with(emitter::complete, emitter::fail)::cancel);
                return;
            }
            requestContext.activate();
            ContextState state = requestContext.getState();
            try {
                emitter.onTermination(delegate.invoke(context).subscribe().with(
                        item -> {
                            requestContext.destroy(state);
                            emitter.complete(item);
                        },
                        failure -> {
                            requestContext.destroy(state);
                            emitter.fail(failure);
                        })::cancel);
            } finally {
                requestContext.deactivate();
            }
        });
    }
}
