package dev.eventloom.core.runtime.filter;

import io.cloudevents.CloudEvent;

/** A compiled trigger filter. Implementations are immutable and safe to share between threads. */
@FunctionalInterface
public interface EventFilter {

    EventFilter MATCH_ALL = event -> true;

    boolean matches(CloudEvent event);
}
