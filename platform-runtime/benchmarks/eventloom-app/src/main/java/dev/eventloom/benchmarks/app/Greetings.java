package dev.eventloom.benchmarks.app;

import java.util.concurrent.TimeUnit;

import dev.eventloom.Delivery;
import dev.eventloom.Trigger;
import io.quarkus.funqy.Funq;
import io.smallrye.common.annotation.NonBlocking;
import io.smallrye.common.annotation.RunOnVirtualThread;
import io.smallrye.mutiny.Uni;

/** The greeting contract ({@code {"name":"x"}} answers {@code {"message":"Hello x"}}) in each dispatch mode. */
public class Greetings {

    public record Person(String name) {
    }

    public record Greeting(String message) {
    }

    /** Plain JSON, on the event loop. */
    @Funq
    @NonBlocking
    public Greeting hello(Person person) {
        return new Greeting("Hello " + person.name());
    }

    /** Plain JSON, returning {@code Uni}: on the event loop. */
    @Funq("hello-uni")
    public Uni<Greeting> helloUni(Person person) {
        return Uni.createFrom().item(new Greeting("Hello " + person.name()));
    }

    /** Plain JSON, blocking signature: on the worker pool. */
    @Funq("hello-blocking")
    public Greeting helloBlocking(Person person) {
        return new Greeting("Hello " + person.name());
    }

    /**
     * Plain JSON, blocking, with ordered delivery: through the delivery pipeline rather than the fast lane (requests
     * without a partition key run at once, unordered).
     */
    @Funq("hello-ordered")
    @Delivery(ordered = true)
    public Greeting helloOrdered(Person person) {
        return new Greeting("Hello " + person.name());
    }

    /** Plain JSON on a virtual thread. */
    @Funq("hello-virtual")
    @RunOnVirtualThread
    public Greeting helloVirtual(Person person) {
        return new Greeting("Hello " + person.name());
    }

    /** Binary-mode CloudEvents posted to {@code /}, routed by type, on the event loop. */
    @Funq
    @Trigger(type = "bench.greet")
    @NonBlocking
    public Greeting greet(Person person) {
        return new Greeting("Hello " + person.name());
    }

    /** The noisy neighbour: burns one CPU for the given milliseconds on a worker thread. */
    @Funq
    public long burn(int millis) {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        long spins = 0;
        while (System.nanoTime() < end) {
            spins++;
        }
        return spins;
    }
}
