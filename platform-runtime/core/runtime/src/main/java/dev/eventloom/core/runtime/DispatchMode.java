package dev.eventloom.core.runtime;

/** Where a function runs. Decided at build time from its signature and annotations, overridable in configuration. */
public enum DispatchMode {
    /** On the Vert.x event loop that received the event: for non-blocking functions only. */
    EVENT_LOOP("the event loop"),
    /** On the Quarkus worker pool. */
    WORKER("the worker pool"),
    /** On a new virtual thread. */
    VIRTUAL_THREAD("virtual threads");

    private final String description;

    DispatchMode(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
