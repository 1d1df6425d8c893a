package dev.eventloom.core.runtime;

/** How a function hands back its result. */
public enum OutputShape {
    /** {@code void}: no reply. */
    VOID,
    /** A value returned directly. */
    VALUE,
    /** A {@code Uni} of the value. */
    UNI,
    /** A {@code CompletionStage} of the value. */
    COMPLETION_STAGE
}
