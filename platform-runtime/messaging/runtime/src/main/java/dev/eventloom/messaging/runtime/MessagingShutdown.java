package dev.eventloom.messaging.runtime;

import io.quarkus.arc.Arc;
import io.quarkus.runtime.shutdown.ShutdownListener;

/**
 * Drains the incoming channels when the application stops: they take no more messages, and Quarkus's shutdown waits
 * (up to {@code quarkus.shutdown.timeout}) until every message taken is acknowledged or nacked, before the connectors
 * close and commit.
 */
public class MessagingShutdown implements ShutdownListener {

    @Override
    public void shutdown(ShutdownNotification notification) {
        var binding = Arc.container() == null ? null : Arc.container().instance(MessagingBinding.class);
        if (binding == null || !binding.isAvailable()) {
            notification.done();
            return;
        }
        binding.get().drain(notification::done);
    }
}
