package dev.eventloom.core.runtime;

/**
 * A failure the platform recognises, with the kind a binding maps to its transport's answer (an HTTP status, a Lambda
 * error, a nack). Any other exception a function throws is {@link Kind#FUNCTION_FAILED}.
 */
public class EventloomException extends RuntimeException {

    /** What went wrong, independently of the transport. */
    public enum Kind {
        /** The event or its data is malformed, or does not bind to the function's input type. */
        INVALID_INPUT,
        /** The event's data has a content type the function cannot read. */
        UNSUPPORTED_CONTENT_TYPE,
        /** The event was addressed to a function that does not exist, or matched no trigger. */
        NOT_FOUND,
        /** The function did not finish within its timeout. */
        TIMEOUT,
        /** The function threw, or its result could not be turned into a reply. */
        FUNCTION_FAILED,
        /** A reply could not be handed to the sink. */
        SINK_FAILED,
        /**
         * The function is at its concurrency limit, or the same event is being processed right now: try again later
         * (HTTP 429 with {@code Retry-After}).
         */
        BUSY
    }

    private final Kind kind;

    public EventloomException(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public EventloomException(Kind kind, String message, Throwable cause) {
        super(message, cause, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    /**
     * The id of a failure, for matching what a caller was told with the log line that has the cause: made at the first
     * call and the same at every later one, for the same throwable. A function's exception keeps its own type and
     * stack; the id rides along as a suppressed marker without a stack.
     */
    public static String errorId(Throwable failure) {
        for (Throwable suppressed : failure.getSuppressed()) {
            if (suppressed instanceof ErrorId id) {
                return id.getMessage();
            }
        }
        synchronized (failure) {
            for (Throwable suppressed : failure.getSuppressed()) {
                if (suppressed instanceof ErrorId id) {
                    return id.getMessage();
                }
            }
            ErrorId id = new ErrorId(Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()
                    & 0xffff_ffff_ffffL | 0x1_0000_0000_0000L).substring(1));
            failure.addSuppressed(id);
            return id.getMessage();
        }
    }

    /** Carries {@link #errorId}: Throwable#getSuppressed is the one place every throwable can hold it. */
    private static final class ErrorId extends RuntimeException {
        ErrorId(String id) {
            super(id, null, false, false);
        }

        @Override
        public String toString() {
            return "error id " + getMessage();
        }
    }

    /** The kind of any failure: platform failures keep theirs, anything else a function threw is FUNCTION_FAILED. */
    public static Kind kindOf(Throwable failure) {
        return failure instanceof EventloomException e ? e.kind() : Kind.FUNCTION_FAILED;
    }
}
