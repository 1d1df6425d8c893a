package dev.eventloom.core.runtime.invoke;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.eventloom.core.runtime.InvocationContext;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;

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
            AtomicBoolean destroyed = new AtomicBoolean();
            Runnable destroy = () -> {
                if (destroyed.compareAndSet(false, true)) {
                    requestContext.destroy(state);
                }
            };
            try {
                Cancellable invocation = delegate.invoke(context).subscribe().with(
                        item -> {
                            destroy.run();
                            emitter.complete(item);
                        },
                        failure -> {
                            destroy.run();
                            emitter.fail(failure);
                        });
                // Also when the invocation is cancelled (timed out) before it ends.
                emitter.onTermination(() -> {
                    invocation.cancel();
                    destroy.run();
                });
            } finally {
                requestContext.deactivate();
            }
        });
    }
}
