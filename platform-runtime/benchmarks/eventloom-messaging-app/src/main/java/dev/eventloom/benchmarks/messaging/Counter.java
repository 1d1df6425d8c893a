package dev.eventloom.benchmarks.messaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.eventloom.Trigger;
import io.quarkus.funqy.Funq;
import io.smallrye.common.annotation.NonBlocking;

/**
 * The same count as one Eventloom function; writes "mark last" (epoch ms at the warm-up count and at the expected
 * count) to the result file.
 */
public class Counter {

    public record Tick(int n) {
    }

    @ConfigProperty(name = "bench.expected")
    int expected;

    @ConfigProperty(name = "bench.result.file")
    Path result;

    /** Events consumed before the measured part starts (JIT warm-up); the mark is taken at this count. */
    @ConfigProperty(name = "bench.warmup", defaultValue = "1")
    int warmup;

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static volatile long mark;

    @Funq
    @NonBlocking
    @Trigger(source = "in")
    public void count(Tick tick) {
        int n = COUNT.incrementAndGet();
        if (n == warmup) {
            mark = System.currentTimeMillis();
        }
        if (n == expected) {
            try {
                Files.writeString(result, mark + " " + System.currentTimeMillis());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
