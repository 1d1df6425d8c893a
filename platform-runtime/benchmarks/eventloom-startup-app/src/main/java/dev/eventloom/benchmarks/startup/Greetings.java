package dev.eventloom.benchmarks.startup;

import io.quarkus.funqy.Funq;

/**
 * The Funqy baseline's function, word for word, on Eventloom ({@code POST /hello {"name":"x"}} answers
 * {@code {"message":"Hello x"}}): an application the same size as the baseline, so launch to first event and memory
 * compare the platforms rather than the number of functions.
 */
public class Greetings {

    public record Person(String name) {
    }

    public record Greeting(String message) {
    }

    @Funq
    public Greeting hello(Person person) {
        return new Greeting("Hello " + person.name());
    }
}
