package dev.eventloom.benchmarks.lambda;

import io.quarkus.funqy.Funq;
import io.smallrye.common.annotation.NonBlocking;

/** The greeting contract as an Eventloom function, invoked directly on Lambda. */
public class Greetings {

    public record Person(String name) {
    }

    public record Greeting(String message) {
    }

    @Funq
    @NonBlocking
    public Greeting hello(Person person) {
        return new Greeting("Hello " + person.name());
    }
}
