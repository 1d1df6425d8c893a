package dev.eventloom.examples.signups;

/** A registered member. */
public record Member(String email, String name) {
}
