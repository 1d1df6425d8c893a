package dev.eventloom.core.runtime;

import io.cloudevents.CloudEvent;

/**
 * Told of every attempt to run a function on an event, whatever brought the event (HTTP, Lambda, a broker, the local
 * broker), once the attempt ended, and of every event sent to a dead letter. For development tools (the Dev UI's
 * invocation log); called on the thread that completed the attempt, so it must not block.
 */
public interface DeliveryObserver {

    /**
     * @param attempt 1 for the first attempt, 2 for the first retry, ...
     * @param nanos how long the attempt took
     * @param reply the function's reply, {@code null} when it has none or failed
     * @param failure why the attempt failed, {@code null} when it succeeded
     */
    void attempted(EventFunction function, CloudEvent event, int attempt, long nanos, CloudEvent reply,
            Throwable failure);

    /** The event went to {@code destination} after the function's last attempt failed. */
    default void deadLettered(EventFunction function, CloudEvent event, String destination) {
    }
}
