package dev.eventloom.core.runtime;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.shutdown.ShutdownListener;

/**
 * Waits for the local broker's deliveries in flight when the application stops; Quarkus bounds the wait with
 * {@code quarkus.shutdown.timeout}, and {@link LocalBroker} logs by event id what still runs after it.
 */
public class LocalBrokerShutdown implements ShutdownListener {

    @Override
    public void shutdown(ShutdownNotification notification) {
        var broker = Arc.container() == null ? null : Arc.container().instance(LocalBroker.class);
        if (broker == null || !broker.isAvailable() || !broker.get().enabled()) {
            notification.done();
            return;
        }
        broker.get().drain(notification::done);
    }
}
