package dev.eventloom.core.runtime.filter;

/** A trigger filter that cannot be compiled; the message says what is wrong and how to write it. */
public final class InvalidFilterException extends RuntimeException {

    public InvalidFilterException(String message) {
        super(message);
    }
}
