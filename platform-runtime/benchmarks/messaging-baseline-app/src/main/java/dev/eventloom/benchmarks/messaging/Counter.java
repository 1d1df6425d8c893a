package dev.eventloom.benchmarks.messaging;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

/**
 * The baseline: consume, read the record's JSON into the same {@code Tick} the Eventloom function takes (what a plain
 * consumer of these events does to use them), count, ack; writes "mark last" (epoch ms at the warm-up count and at the
 * expected count) to the result file.
 */
@ApplicationScoped
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

    private final AtomicInteger count = new AtomicInteger();
    private final ObjectReader ticks;
    private volatile long mark;

    @Inject
    Counter(ObjectMapper mapper) {
        this.ticks = mapper.readerFor(Tick.class);
    }

    @Incoming("in")
    public CompletionStage<Void> consume(Message<byte[]> message) {
        Tick tick;
        try {
            tick = ticks.readValue(message.getPayload());
        } catch (IOException e) {
            return message.nack(e);
        }
        if (tick == null) {
            return message.nack(new IllegalArgumentException("A record without data"));
        }
        int n = count.incrementAndGet();
        if (n == warmup) {
            mark = System.currentTimeMillis();
        }
        if (n == expected) {
            try {
                Files.writeString(result, mark + " " + System.currentTimeMillis());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return message.ack();
    }
}
