package dev.eventloom.core.runtime;

/**
 * Every identifier Eventloom's log lines and startup errors carry, declared once: each line starts with one, to search
 * and alert on, and docs/operations.md explains each ({@code LogCodesDocumentedTest} checks both). Constants, so a
 * log line's format stays a compile-time constant.
 */
public final class LogCodes {

    /** Build validation: a function the build refuses, with its class and method. */
    public static final String BUILD_VALIDATION = "[EVL-0001]";
    /** Configuration refused at startup, every problem listed. */
    public static final String INVALID_CONFIGURATION = "[EVL-0002]";
    /** Build warning: a Knative Trigger left out, an image nothing builds. */
    public static final String KNATIVE_MANIFEST = "[EVL-0003]";
    /** Settings of a binding the application does not have, ignored. */
    public static final String ABSENT_BINDING = "[EVL-0004]";
    /** Messaging channels not consumed on AWS Lambda. */
    public static final String CHANNELS_ON_LAMBDA = "[EVL-0005]";
    /** A build-time channel list changed at run time. */
    public static final String CHANNELS_CHANGED = "[EVL-0006]";
    /** {@code eventloom.idempotency.store=redis} without {@code dev.eventloom:eventloom-redis}. */
    public static final String STORE_MISSING = "[EVL-0007]";
    /** The first invocation of this instance. */
    public static final String COLD_START = "[EVL-0010]";
    /** A function held the event loop too long. */
    public static final String EVENT_LOOP_HELD = "[EVL-0101]";
    /** An invalid sink. */
    public static final String INVALID_SINK = "[EVL-0201]";
    /** A reply dropped: no sink, no local broker. */
    public static final String REPLY_DROPPED = "[EVL-0202]";
    /** A sink that answered with a redirect. */
    public static final String SINK_REDIRECTED = "[EVL-0203]";
    /** The local broker is on. */
    public static final String LOCAL_BROKER_ON = "[EVL-0205]";
    /** The local broker stopped a loop of replies. */
    public static final String LOCAL_BROKER_LOOP = "[EVL-0206]";
    /** A local broker delivery failed. */
    public static final String LOCAL_BROKER_FAILED = "[EVL-0207]";
    /** A local broker delivery cut by shutdown. */
    public static final String LOCAL_BROKER_STOPPED = "[EVL-0208]";
    /** Lambda batch failures reported for redelivery. */
    public static final String BATCH_FAILURES = "[EVL-0301]";
    /** An event sent to its dead letter, or that could not be. */
    public static final String DEAD_LETTER = "[EVL-0302]";
    /** A retry. */
    public static final String RETRY = "[EVL-0303]";
    /** A failure left to the infrastructure's dead letter. */
    public static final String INFRASTRUCTURE_DEAD_LETTER = "[EVL-0304]";
    /** (debug) An event a function refused as invalid. */
    public static final String INVALID_EVENT = "[EVL-0400]";
    /** (debug) A delivery refused as busy. */
    public static final String BUSY = "[EVL-0429]";
    /** A function failed, with the error id its 500 answer carries. */
    public static final String FUNCTION_FAILED = "[EVL-0500]";
    /** A reply that cannot be written as a response. */
    public static final String REPLY_NOT_WRITTEN = "[EVL-0501]";
    /** A request refused while stopping. */
    public static final String STOPPING = "[EVL-0503]";
    /** A timeout. */
    public static final String TIMEOUT = "[EVL-0504]";
    /** A messaging channel stopped. */
    public static final String CHANNEL_STOPPED = "[EVL-0601]";
    /** A message that failed and is nacked. */
    public static final String MESSAGE_FAILED = "[EVL-0602]";
    /** A message that is not a readable event. */
    public static final String MESSAGE_UNDELIVERABLE = "[EVL-0603]";

    private LogCodes() {
    }
}
