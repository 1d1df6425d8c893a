package dev.eventloom.benchmarks.messaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.eventloom.Trigger;
import io.quarkus.funqy.Funq;
import io.smallrye.common.annotation.NonBlocking;

/** The same count as one Eventloom function; writes "first last" (epoch ms) to the result file at the expected count. */
public class Counter {

    public record Tick(int n) {
    }

    @ConfigProperty(name = "bench.expected")
    int expected;

    @ConfigProperty(name = "bench.result.file")
    Path result;

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static volatile long first;

    @Funq
    @NonBlocking
    @Trigger(source = "in")
    public void count(Tick tick) {
        int n = COUNT.incrementAndGet();
        if (n == 1) {
            first = System.currentTimeMillis();
        }
        if (n == expected) {
            try {
                Files.writeString(result, first + " " + System.currentTimeMillis());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
