package dev.eventloom.examples.greeting;

/** Who to greet. */
public record Person(String name) {
}
