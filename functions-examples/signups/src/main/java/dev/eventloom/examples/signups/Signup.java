package dev.eventloom.examples.signups;

/** A signup request, as a queue message or an HTTP body. */
public record Signup(String email, String name) {
}
