package dev.eventloom.core.runtime;

/** How a function's input parameter is bound from the event. */
public enum InputKind {
    /** The function takes no input. */
    NONE,
    /** The event data decoded from JSON into the parameter's type. */
    JSON,
    /** The event data as text. */
    STRING,
    /** The event data as bytes. */
    BYTES,
    /** The whole event as the CloudEvents SDK represents it. */
    SDK_CLOUD_EVENT,
    /** A {@link dev.eventloom.CloudEvent} whose data is bound as {@link FunctionMetadata#getDataKind()} says. */
    TYPED_CLOUD_EVENT
}
