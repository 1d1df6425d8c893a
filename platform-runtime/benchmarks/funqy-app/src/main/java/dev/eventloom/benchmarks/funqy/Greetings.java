package dev.eventloom.benchmarks.funqy;

import io.quarkus.funqy.Funq;

/** The greeting contract on Quarkus Funqy HTTP: {@code POST /hello {"name":"x"}} answers {@code {"message":"Hello x"}}. */
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
