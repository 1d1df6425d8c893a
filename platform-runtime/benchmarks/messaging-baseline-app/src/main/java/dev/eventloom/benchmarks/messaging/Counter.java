package dev.eventloom.benchmarks.messaging;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/** The baseline: consume, count, ack; writes "first last" (epoch ms) to the result file at the expected count. */
@ApplicationScoped
public class Counter {

    @ConfigProperty(name = "bench.expected")
    int expected;

    @ConfigProperty(name = "bench.result.file")
    Path result;

    private final AtomicInteger count = new AtomicInteger();
    private volatile long first;

    @Incoming("in")
    public CompletionStage<Void> consume(Message<byte[]> message) {
        int n = count.incrementAndGet();
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
        return message.ack();
    }
}
