package dev.eventloom.examples.greeting;

/** A greeting. */
public record Greeting(String message) {
}
