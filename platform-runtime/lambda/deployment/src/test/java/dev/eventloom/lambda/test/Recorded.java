package dev.eventloom.lambda.test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Singleton;

/** What the test functions saw, in order; a bean so the test and the application share one instance. */
@Singleton
public class Recorded {

    final List<String> calls = new CopyOnWriteArrayList<>();
    final AtomicInteger running = new AtomicInteger();
    final AtomicInteger mostAtOnce = new AtomicInteger();
    final java.util.Map<String, AtomicInteger> attempts = new java.util.concurrent.ConcurrentHashMap<>();

    int attempt(String key) {
        return attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
    }

    void add(String call) {
        calls.add(call);
    }

    void enter() {
        mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
    }

    void leave() {
        running.decrementAndGet();
    }

    public List<String> calls() {
        return List.copyOf(calls);
    }

    public int mostAtOnce() {
        return mostAtOnce.get();
    }

    public void clear() {
        calls.clear();
        attempts.clear();
        mostAtOnce.set(0);
    }
}
