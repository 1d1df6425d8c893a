package dev.eventloom.lambda.runtime;

/**
 * Ends a Lambda invocation as a function error. Lambda reports the class name as {@code errorType} and the message as
 * {@code errorMessage}; the stack trace is left out on purpose: it would tell callers about our internals and nothing
 * about their event.
 */
public final class LambdaFunctionError extends RuntimeException {

    private final String errorType;

    LambdaFunctionError(String errorType, String message) {
        super(message, null, false, false);
        this.errorType = errorType;
    }

    /** What kind of failure this is: {@code InvalidEvent}, {@code FunctionFailed}, {@code Timeout}, ... */
    public String errorType() {
        return errorType;
    }

    @Override
    public String getMessage() {
        return "[" + errorType + "] " + super.getMessage();
    }
}
